import { describe, expect, it } from 'vitest';
import { streamFormatOf } from './stream-type';

describe('streamFormatOf', () => {
  it('recognises SSE and newline-delimited JSON by essence, any case, with parameters', () => {
    expect(streamFormatOf('text/event-stream')).toBe('sse');
    expect(streamFormatOf('Text/Event-Stream; charset=utf-8')).toBe('sse');
    expect(streamFormatOf('application/x-ndjson')).toBe('ndjson');
    expect(streamFormatOf('application/jsonl;charset=utf-8')).toBe('ndjson');
    expect(streamFormatOf('application/json-seq')).toBe('json-seq');
  });
  it('leaves every other type alone', () => {
    for (const t of [null, '', 'application/json', 'text/plain', 'text/event-streamx', 'application/x-ndjson-foo', 'text/html; x=text/event-stream']) expect(streamFormatOf(t)).toBeUndefined();
  });
});
