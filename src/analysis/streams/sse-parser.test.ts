import { describe, expect, it } from 'vitest';
import { createSseParser, type SseItem } from './sse-parser';

/** Parses `chunks` one by one, then ends the stream. */
function parse(...chunks: string[]): SseItem[] {
  const p = createSseParser();
  const out: SseItem[] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
}
const events = (items: SseItem[]) => items.filter((i) => i.kind === 'event');
const datas = (items: SseItem[]) => events(items).map((e) => (e.kind === 'event' ? e.data : ''));

describe('SSE parser (HTML spec EventSource parsing)', () => {
  it('dispatches on a blank line, with type "message" and one trailing LF removed', () => {
    expect(parse('data: hello\n\n')).toEqual([{ kind: 'event', type: 'message', data: 'hello', lastEventId: '' }]);
  });

  it('data field parsing (wpt format-field-data): "" then "\\n" then "test"; the last without a blank line is unterminated', () => {
    const items = parse('data:\n\ndata\ndata\n\ndata:test');
    expect(datas(items)).toEqual(['', '\n']);
    expect(items.at(-1)).toEqual({ kind: 'unterminated', data: '', type: 'message', lastEventId: '', partialLine: 'data:test' });
    expect(datas(parse('data:\n\ndata\ndata\n\ndata:test\n\n'))).toEqual(['', '\n', 'test']);
  });

  it('comment fest (wpt format-comments): CR, LF and CRLF line ends, NUL and long comments', () => {
    const long = 'x'.repeat(2048);
    const items = parse(`data:1\r:\0\n:\r\ndata:2\n:${long}\rdata:3\n:data:fail\r:${long}\ndata:4\n\n`);
    expect(datas(items)).toEqual(['1\n2\n3\n4']);
    expect(items.filter((i) => i.kind === 'comment').map((c) => (c.kind === 'comment' ? c.text : ''))).toEqual(['\0', '', long, 'data:fail', long]);
  });

  it('a double BOM (wpt format-bom-2): only the first is dropped, so the first field name is not "data"', () => {
    expect(datas(parse('\uFEFF\uFEFFdata:1\n\ndata:2\n\ndata:3\n\n'))).toEqual(['2', '3']);
    expect(datas(parse('\uFEFFdata:1\n\n'))).toEqual(['1']);
    // A BOM later in the stream is data.
    expect(datas(parse('data:1\n\n', '\uFEFFdata:2\n\n'))).toEqual(['1']);
  });

  it('a data before the final empty line (wpt format-data-before-final-empty-line) is not dispatched; the id line was not either', () => {
    const items = parse('retry:1000\ndata:test1\n\nid:test\ndata:test2');
    expect(items).toEqual([
      { kind: 'retry', ms: 1000 },
      { kind: 'event', type: 'message', data: 'test1', lastEventId: '' },
      { kind: 'unterminated', data: '', type: 'message', lastEventId: 'test', partialLine: 'data:test2' },
    ]);
  });

  it('a NUL in data is kept (wpt format-null-character); an id with a NUL is ignored (wpt format-field-id-null)', () => {
    expect(datas(parse('data:\0\n\n'))).toEqual(['\0']);
    expect(events(parse('id:1\n\ndata:a\n\nid:a\0b\ndata:b\n\n'))).toEqual([
      { kind: 'event', type: 'message', data: 'a', lastEventId: '1' },
      { kind: 'event', type: 'message', data: 'b', lastEventId: '1' },
    ]);
  });

  it('the last event id persists, is set by a blank line without data, and an empty id resets it', () => {
    expect(events(parse('id: 7\n\ndata: x\n\nid\ndata: y\n\n'))).toEqual([
      { kind: 'event', type: 'message', data: 'x', lastEventId: '7' },
      { kind: 'event', type: 'message', data: 'y', lastEventId: '' },
    ]);
  });

  it('event type (wpt format-field-event, format-field-event-empty): set per event, reset after dispatch, empty means message', () => {
    expect(events(parse('event:test\ndata:x\n\ndata:x\n\nevent:\ndata:z\n\n')).map((e) => (e.kind === 'event' ? e.type : ''))).toEqual(['test', 'message', 'message']);
    // A type without data dispatches nothing, and does not carry over to the next event.
    expect(events(parse('event:a\n\ndata:1\n\n'))).toEqual([{ kind: 'event', type: 'message', data: '1', lastEventId: '' }]);
  });

  it('retry is taken only when all ASCII digits (wpt format-field-retry-bogus)', () => {
    expect(parse('retry:2000\nretry:1000x\nretry:\nretry: 12\nretry:-1\ndata:x\n\n').filter((i) => i.kind === 'retry')).toEqual([
      { kind: 'retry', ms: 2000 },
      { kind: 'retry', ms: 12 },
    ]);
  });

  it('only one space after the colon is dropped; a line without a colon is a field with an empty value; unknown fields are ignored', () => {
    expect(datas(parse('data:  two\ndata\nfoo: bar\nDATA: no\n\n'))).toEqual([' two\n']);
  });

  it('gives the same result at every split point of the stream (a CR at the end of a chunk, its LF at the start of the next)', () => {
    const stream = '\uFEFF: hi\r\nid: 1\revent: a\r\ndata: x\r\rdata: y\n\ndata: z\r\n\r\ndata: cut';
    const whole = parse(stream);
    expect(datas(whole)).toEqual(['x', 'y', 'z']);
    for (let i = 0; i <= stream.length; i++) {
      for (let j = i; j <= stream.length; j += 3) expect(parse(stream.slice(0, i), stream.slice(i, j), stream.slice(j))).toEqual(whole);
    }
  });

  it('a CR that ends one chunk and an LF that starts the next are one line end, not two (no spurious dispatch)', () => {
    expect(datas(parse('data: a\r', '\ndata: b\r', '\n\r', '\n'))).toEqual(['a\nb']);
    // …but a CR, then a chunk starting with CR, is two line ends.
    expect(datas(parse('data: a\r', '\rdata: b\n\n'))).toEqual(['a', 'b']);
  });

  it('an empty stream, or one that ended after a blank line, has no unterminated tail', () => {
    expect(parse()).toEqual([]);
    expect(parse('data: a\n\n').filter((i) => i.kind === 'unterminated')).toEqual([]);
    expect(parse(': only a comment\n')).toEqual([{ kind: 'comment', text: ' only a comment' }]);
  });

  it('a stream cut off mid-event keeps what it had: data, type and id', () => {
    expect(parse('event: delta\nid: 9\ndata: {"a":\ndata: 1}\n')).toEqual([
      { kind: 'unterminated', data: '{"a":\n1}', type: 'delta', lastEventId: '9', partialLine: '' },
    ]);
  });
});
