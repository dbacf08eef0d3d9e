// Counts what arrives, by type, and acknowledges each message (so the sender can wait for delivery).
const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((m) => {
    const d = m.d;
    const size = typeof d === 'string' ? d.length : d instanceof ArrayBuffer ? d.byteLength : d instanceof Blob ? d.size : ArrayBuffer.isView(d) ? d.byteLength : -1;
    port.postMessage({ i: m.i, type: Object.prototype.toString.call(d), size });
  });
});
