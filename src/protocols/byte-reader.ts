// A bounds-checked cursor over bytes for binary protocols (MQTT, SignalR's length prefixes).
// Reading past the end throws ShortRead, which the decoders catch: their own push never throws.

export class ShortRead extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export class ByteReader {
  pos = 0;
  constructor(readonly b: Uint8Array, private readonly end = b.length) {}

  get left(): number {
    return this.end - this.pos;
  }
  u8(): number {
    if (this.pos >= this.end) throw new ShortRead('past the end');
    return this.b[this.pos++]!;
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  u32(): number {
    return ((this.u16() << 16) >>> 0) + this.u16();
  }
  /** MQTT's Variable Byte Integer: 7 bits a byte, least significant first, at most 4 bytes. */
  varint(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.u8();
      value += (byte & 0x7f) * 128 ** i;
      if ((byte & 0x80) === 0) return value;
    }
    throw new ShortRead('variable byte integer longer than 4 bytes');
  }
  bytes(n: number): Uint8Array {
    if (n < 0 || n > this.left) throw new ShortRead('past the end');
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** A 2-byte length and that many bytes. */
  lenBytes(): Uint8Array {
    return this.bytes(this.u16());
  }
  lenString(): string {
    return utf8.decode(this.lenBytes());
  }
  rest(): Uint8Array {
    return this.bytes(this.left);
  }
}
