import { describe, expect, it } from 'vitest';
import { streamChunks, textLines } from './ndjson-stream';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
async function* of(...chunks: string[]): AsyncGenerator<string> {
  yield* chunks;
}

describe('textLines', () => {
  it('splits lines that span chunks, and yields a last line without a newline', async () => {
    expect(await collect(textLines(of('a\nb', 'c', 'd\n\ne', '\nf')))).toEqual(['a', 'bcd', '', 'e', 'f']);
    expect(await collect(textLines(of('x\n')))).toEqual(['x']);
    expect(await collect(textLines(of()))).toEqual([]);
  });

  it('reads a Blob through a TextDecoderStream, multi-byte characters cut across chunks included', async () => {
    const text = 'é€😀\n'.repeat(5_000);
    const bytes = new TextEncoder().encode(text);
    // Chunks of 7 bytes: most characters are split between two chunks.
    const stream = new ReadableStream<BufferSource>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 7) c.enqueue(bytes.subarray(i, i + 7));
        c.close();
      },
    });
    const lines = await collect(textLines(streamChunks(stream.pipeThrough(new TextDecoderStream()))));
    expect(lines).toHaveLength(5_000);
    expect(new Set(lines)).toEqual(new Set(['é€😀']));
  });

  it('cancels the stream when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<string>({
      pull: (c) => c.enqueue('line\n'),
      cancel: () => void (cancelled = true),
    });
    for await (const line of textLines(streamChunks(stream))) if (line === 'line') break;
    expect(cancelled).toBe(true);
  });
});
