import { describe, expect, it } from 'vitest';
import { createNdjsonSplitter, ndjsonFramingOf, type NdjsonFraming, type NdjsonItem } from './ndjson-splitter';

function split(framing: NdjsonFraming, ...chunks: string[]): NdjsonItem[] {
  const s = createNdjsonSplitter(framing);
  const out: NdjsonItem[] = [];
  for (const c of chunks) out.push(...s.push(c));
  out.push(...s.end());
  return out;
}

describe('NDJSON splitter', () => {
  it('one record per LF-ended line, CRLF allowed, blank lines skipped, the last line without LF unterminated', () => {
    expect(split('lines', '{"a":1}\n{"b"', ':2}\r', '\n\n{"c":3}')).toEqual([
      { kind: 'line', text: '{"a":1}' },
      { kind: 'line', text: '{"b":2}' },
      { kind: 'unterminated', text: '{"c":3}' },
    ]);
  });

  it('a CR alone does not end a record (JSON whitespace), and a line that is not JSON is still a record', () => {
    expect(split('lines', '{\r"a":1}\nnot json\n')).toEqual([
      { kind: 'line', text: '{\r"a":1}' },
      { kind: 'line', text: 'not json' },
    ]);
  });

  it('gives the same records at every split point', () => {
    const stream = '{"a":1}\r\n{"b":[1,2]}\n\n{"c":"x\\ny"}\n';
    const whole = split('lines', stream);
    expect(whole.length).toBe(3);
    for (let i = 0; i <= stream.length; i++) expect(split('lines', stream.slice(0, i), stream.slice(i))).toEqual(whole);
  });

  it('JSON text sequences (RFC 7464): RS starts a record, LF ends it; one without LF is unterminated', () => {
    expect(split('json-seq', '\u001e{"a":1}\n\u001e{"b"', ':2}\n\u001e{"c":')).toEqual([
      { kind: 'line', text: '{"a":1}' },
      { kind: 'line', text: '{"b":2}' },
      { kind: 'unterminated', text: '{"c":' },
    ]);
  });

  it('knows its content types', () => {
    expect(ndjsonFramingOf('application/x-ndjson')).toBe('lines');
    expect(ndjsonFramingOf('application/jsonl')).toBe('lines');
    expect(ndjsonFramingOf('application/json-seq')).toBe('json-seq');
    expect(ndjsonFramingOf('application/json')).toBeUndefined();
  });
});
