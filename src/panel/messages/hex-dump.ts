// Hex dump of a binary payload, like `xxd`: offset, 16 bytes in hex, the same bytes as text.

export function base64ToBytes(b64: string): Uint8Array {
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return new Uint8Array(0);
  }
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** "00000010  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a              Hello world." */
export function hexDumpLines(bytes: Uint8Array, maxLines = Infinity): string[] {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length && lines.length < maxLines; off += 16) {
    const row = bytes.subarray(off, off + 16);
    let hex = '';
    let text = '';
    for (let i = 0; i < 16; i++) {
      if (i === 8) hex += ' ';
      hex += i < row.length ? `${hex2(row[i]!)} ` : '   ';
      if (i < row.length) text += row[i]! >= 0x20 && row[i]! < 0x7f ? String.fromCharCode(row[i]!) : '.';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} ${text}`);
  }
  return lines;
}
