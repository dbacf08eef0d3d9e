// A per-direction byte buffer for protocols whose messages may span frames or share one (MQTT,
// STOMP): frames are appended, whole messages taken from the front. Bounded, so garbage that
// never completes a message cannot grow it forever.

/** More than this many bytes waiting for one message: the stream is taken as lost. */
export const MAX_PENDING_BYTES = 4 * 1024 * 1024;

export class ByteStream {
  private buf = new Uint8Array(0);
  /** Seqs of the frames whose bytes are still in the buffer. */
  seqs: number[] = [];

  append(bytes: Uint8Array, seq: number): boolean {
    if (this.buf.length + bytes.length > MAX_PENDING_BYTES) {
      this.reset();
      return false;
    }
    const next = new Uint8Array(this.buf.length + bytes.length);
    next.set(this.buf);
    next.set(bytes, this.buf.length);
    this.buf = next;
    this.seqs.push(seq);
    return true;
  }

  get bytes(): Uint8Array {
    return this.buf;
  }

  /** Drops n bytes from the front; the frames they came from are returned (the last one stays if bytes of it remain). */
  take(n: number): number[] {
    this.buf = this.buf.slice(n);
    const used = this.seqs.slice();
    this.seqs = this.buf.length > 0 ? used.slice(-1) : [];
    return used;
  }

  reset(): void {
    this.buf = new Uint8Array(0);
    this.seqs = [];
  }
}
