// Drives the background's real ingest path at full speed, without a page in front of it: an
// extension page (the exporter, which lives in a tab, so the background accepts it on the relay
// port like any content script) opens the relay port, says hello and posts batches of hook
// records exactly as a relay does, with at most `window` batches unacknowledged (acks come only
// after the IndexedDB transaction committed). What it measures is the background: validation,
// seq assignment, chunking and IndexedDB commits. A page cannot produce messages this fast (see
// the page-cost tables), so this is the ceiling the pipeline offers, not a page figure.
//
// `injectSession` runs inside the extension page (serialised by puppeteer: self-contained).
export async function injectSession({ n, batchRecords, window: inFlight, portName, version, wsUrl }) {
  const api = globalThis.browser ?? globalThis.chrome;
  const tab = await new Promise((resolve) => {
    const r = api.tabs.getCurrent(resolve);
    if (r && typeof r.then === 'function') r.then(resolve);
  });
  const sourceId = `bench-${Math.random().toString(36).slice(2)}`;
  const timeOrigin = Date.now();
  const types = ['tick', 'trade', 'quote', 'heartbeat'];
  const batches = [];
  let records = [
    { k: 'create', c: 1, t: timeOrigin, kind: 'websocket', url: wsUrl, frameUrl: location.href, protocols: [] },
    { k: 'open', c: 1, t: timeOrigin, protocol: '', extensions: '' },
  ];
  let payloadChars = 0;
  for (let i = 1; i <= n; i++) {
    // ~100 B of JSON, varied enough for a filter to have something to match.
    const data = JSON.stringify({ seq: i, type: types[i % 4], sym: `S${i % 50}`, price: 100 + (i % 997) / 10, user: `user-${i % 313}`, note: 'abcdefgh' });
    payloadChars += data.length;
    records.push({ k: 'message', c: 1, t: timeOrigin + i / 100, dir: 'in', data });
    if (records.length === batchRecords) {
      batches.push(JSON.stringify(records));
      records = [];
    }
  }
  if (records.length) batches.push(JSON.stringify(records));

  const before = await navigator.storage.estimate();
  const port = api.runtime.connect({ name: portName });
  let acked = 0;
  let sent = 0;
  let firstAckAt = 0;
  const t0 = performance.now();
  const done = new Promise((resolve, reject) => {
    const pump = () => {
      while (sent < batches.length && sent - acked < inFlight) {
        sent += 1;
        port.postMessage({ v: version, type: 'batch', sourceId, batchNo: sent, payload: batches[sent - 1] });
      }
    };
    port.onMessage.addListener((m) => {
      if (m?.type !== 'ack') return;
      firstAckAt ||= performance.now();
      acked = Math.max(acked, m.upTo);
      if (acked === batches.length) resolve(performance.now());
      else pump();
    });
    port.onDisconnect.addListener(() => reject(new Error('the background closed the relay port')));
    port.postMessage({ v: version, type: 'hello', sourceId, frameUrl: location.href, isTop: true, timeOrigin });
    pump();
  });
  const t1 = await done;
  port.disconnect();
  const after = await navigator.storage.estimate();
  return { ms: t1 - t0, firstAckMs: firstAckAt - t0, tabId: tab.id, sourceId, batches: batches.length, payloadChars, usageDelta: after.usage - before.usage };
}

/**
 * Reads the injected connection's chunks back (raw IndexedDB, in the extension page): events
 * must run 1…k with no gap and hold every message; returns the stored JSON characters.
 */
export async function storedChunks({ sourceId, dbName, n }) {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open(dbName);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const req = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const tx = db.transaction(['connections', 'eventChunks'], 'readonly');
  const conn = await req(tx.objectStore('connections').index('bySource').get([sourceId, 1]));
  if (!conn) return { ok: false, error: 'connection not stored' };
  const chunks = await req(tx.objectStore('eventChunks').getAll(IDBKeyRange.bound([conn.id, 0], [conn.id, Infinity])));
  db.close();
  let next = 1;
  let chars = 0;
  let messages = 0;
  let lastData = 0;
  for (const c of chunks) {
    if (c.firstSeq !== next) return { ok: false, error: `chunk starts at seq ${c.firstSeq}, expected ${next}` };
    // Chunks since 0.2: events without payloads in `meta` (each with `dl`, its payload's length), payloads concatenated in `data`.
    chars += c.json !== undefined ? c.json.length : c.meta.length + c.data.length;
    let at = 0;
    const events = c.json !== undefined ? JSON.parse(c.json) : JSON.parse(c.meta).map((e) => (e.dl === undefined ? e : { ...e, data: c.data.slice(at, (at += e.dl)) }));
    for (const e of events) {
      if (e.seq !== next) return { ok: false, error: `seq ${e.seq} where ${next} was expected` };
      next += 1;
      if (e.type !== 'message') continue;
      messages += 1;
      const seq = JSON.parse(e.data).seq;
      if (seq !== lastData + 1) return { ok: false, error: `message #${seq} after #${lastData}` };
      lastData = seq;
    }
  }
  if (messages !== n) return { ok: false, error: `stored ${messages} of ${n} messages` };
  return { ok: true, events: next - 1, chunks: chunks.length, chars, connectionId: conn.id };
}
