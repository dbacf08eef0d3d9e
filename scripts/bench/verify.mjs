// Completeness of a stored session: the recorded connection holds every event with contiguous
// seq 1…k, and its messages are exactly the expected ones, in order. `checkStoredSession` runs
// INSIDE the extension's exporter page (puppeteer serialises it, so it is self-contained): it
// exports and parses the log there and returns only a small verdict, because a log of 64 KiB
// messages is too big to ship to Node. Node unit tests call it with a log directly.

/**
 * spec: { kind, url?, urlPrefix?, segments: [{ dir, literal } | { dir, from, to, binary, size }] },
 * or { none: true }: nothing at all may be recorded.
 * Returns { ok, events, messages, error? }.
 */
export async function checkStoredSession(spec, logJson) {
  const json = logJson ?? (await window.realtimeInspector.exportSessionLog({}));
  const log = JSON.parse(json);
  const fail = (error, extra = {}) => ({ ok: false, error, ...extra });
  // A scenario whose traffic must not be recorded at all (ordinary fetches).
  if (spec.none) return log.connections.length === 0 ? { ok: true, events: 0, messages: 0 } : fail(`expected no recorded connection, found ${log.connections.length} (${log.connections[0].kind} ${log.connections[0].url})`);
  const conns = log.connections.filter(
    (c) => c.kind === spec.kind && (spec.url ? c.url === spec.url : c.url.startsWith(spec.urlPrefix)),
  );
  if (conns.length !== 1) return fail(`expected 1 recorded ${spec.kind} connection to ${spec.url ?? spec.urlPrefix + '…'}, found ${conns.length}`);
  const events = log.events.filter((e) => e.connectionId === conns[0].id).sort((a, b) => a.seq - b.seq);
  for (let i = 0; i < events.length; i++) {
    if (events[i].seq !== i + 1) return fail(`seq not contiguous: position ${i + 1} has seq ${events[i].seq}`);
  }
  const messages = events.filter((e) => e.type === 'message');
  const numberOf = (m) => {
    if (!m.binary) return (m.data ?? '').startsWith('{') ? JSON.parse(m.data).seq : parseInt(m.data ?? '', 10);
    const b = atob((m.data ?? '').slice(0, 8));
    return (b.charCodeAt(0) | (b.charCodeAt(1) << 8) | (b.charCodeAt(2) << 16) | (b.charCodeAt(3) << 24)) >>> 0;
  };
  let expected = 0;
  for (const s of spec.segments) expected += s.literal !== undefined ? 1 : s.to - s.from + 1;
  if (messages.length !== expected) return fail(`recorded ${messages.length} messages, expected ${expected}`, { events: events.length });
  let i = 0;
  for (const s of spec.segments) {
    if (s.literal !== undefined) {
      const m = messages[i++];
      if (m.direction !== s.dir || m.data !== s.literal) return fail(`message ${i}: got ${m.direction} ${JSON.stringify(m.data?.slice(0, 40))}, expected ${s.dir} ${JSON.stringify(s.literal)}`);
      continue;
    }
    for (let want = s.from; want <= s.to; want++) {
      const m = messages[i++];
      const got = numberOf(m);
      if (m.direction !== s.dir || got !== want || Boolean(m.binary) !== s.binary || m.size !== s.size || m.truncated) {
        return fail(`message ${i}: got ${m.direction} #${got} (${m.binary ? 'binary' : 'text'}, ${m.size} B${m.truncated ? ', truncated' : ''}), expected ${s.dir} #${want} (${s.binary ? 'binary' : 'text'}, ${s.size} B)`);
      }
    }
  }
  return { ok: true, events: events.length, messages: messages.length };
}

/** Verifies in the exporter page; throws with the reason when anything is missing or out of order. */
export async function verifyStored(exporterPage, spec, label) {
  const verdict = await exporterPage.evaluate(checkStoredSession, spec);
  if (!verdict.ok) throw new Error(`LOSS or disorder in ${label}: ${verdict.error}`);
  return verdict;
}
