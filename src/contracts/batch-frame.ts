// The hook's batch string, as it crosses to the relay and on to the background. A batch of small
// payloads is the JSON array of its records, as it always was. A batch holding a large payload
// is framed: `<n>:<JSON of n characters><payloads>`, where each large payload was taken out of
// its record (which keeps `dl`, the payload's length) and appended as it is, so it is never
// JSON-escaped inside the batch string (one copy instead of an escaping pass on the page's
// thread, and an escaping parse in the background). Measured in V8 (node 20, what Chromium runs):
// framing 64 KiB payloads with quotes encodes at 0.9 ms/MB instead of 1.9 and decodes at
// ~0 instead of 2.3 ms/MB, and the string is 27% shorter; for ~60 B payloads it is slower
// (4.8 vs 3.4 ms/MB), hence only payloads of FRAME_MIN_CHARS or more are framed.

/** Payloads of at least this many characters are carried outside the JSON. */
export const FRAME_MIN_CHARS = 1024;

/** A record as framed: its payload moved out, `dl` its length. */
export interface FramedFields {
  data?: string;
  dl?: number;
}

/**
 * The batch string: `json`, the records whose large payloads the caller already took out
 * (setting `dl`, leaving `data` out), then those payloads in record order.
 */
export function frameBatch(json: string, payloads: readonly string[]): string {
  if (payloads.length === 0) return json;
  // A loop, not Array.prototype.join: the hook calls this, and the page can redefine `join`.
  let out = `${json.length}:${json}`;
  for (let i = 0; i < payloads.length; i++) out += payloads[i];
  return out;
}

/**
 * The records of a batch string, with every framed payload put back as `data` (and `dl`
 * removed). Null when the string is not a batch: the caller counts it invalid.
 */
export function unframeBatch(batch: string): unknown[] | null {
  let records: unknown;
  let rest = '';
  try {
    if (batch.charCodeAt(0) === 0x5b /* [ */) records = JSON.parse(batch);
    else {
      const colon = batch.indexOf(':');
      const n = colon > 0 && colon <= 10 ? Number(batch.slice(0, colon)) : NaN;
      if (!Number.isSafeInteger(n) || n <= 0 || colon + 1 + n > batch.length) return null;
      records = JSON.parse(batch.slice(colon + 1, colon + 1 + n));
      rest = batch.slice(colon + 1 + n);
    }
  } catch {
    return null;
  }
  if (!Array.isArray(records)) return null;
  let at = 0;
  for (const r of records) {
    if (typeof r !== 'object' || r === null || !('dl' in r)) continue;
    const rec = r as FramedFields;
    const dl = rec.dl;
    if (!Number.isSafeInteger(dl) || (dl as number) < 0 || at + (dl as number) > rest.length || rec.data !== undefined) return null;
    rec.data = rest.slice(at, (at += dl as number));
    delete rec.dl;
  }
  // Every framed character belongs to a record: anything left over is not ours.
  return at === rest.length ? records : null;
}
