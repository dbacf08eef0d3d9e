// Logs every webRequest event of WebSocket / XHR / other requests to the probe server (POST
// <origin>/log), with the fields that could tell a worker's request from a document's.
const api = globalThis.browser ?? globalThis.chrome;
const filter = { urls: ['http://127.0.0.1/*'], types: ['websocket', 'xmlhttprequest', 'other'] };
const keys = ['type', 'method', 'tabId', 'frameId', 'parentFrameId', 'documentId', 'parentDocumentId', 'frameType', 'documentLifecycle', 'initiator', 'originUrl', 'documentUrl', 'statusCode', 'error', 'timeStamp'];
for (const ev of ['onBeforeRequest', 'onSendHeaders', 'onHeadersReceived', 'onResponseStarted', 'onCompleted', 'onErrorOccurred']) {
  api.webRequest[ev].addListener((d) => {
    const u = new URL(d.url);
    if (u.pathname === '/log') return;
    const out = { ev, path: u.pathname + u.search };
    for (const k of keys) if (d[k] !== undefined) out[k] = d[k];
    fetch(`${u.protocol === 'ws:' ? 'http:' : u.protocol}//${u.host}/log`, { method: 'POST', body: JSON.stringify(out) }).catch(() => {});
  }, { urls: ['<all_urls>'], types: filter.types });
}
