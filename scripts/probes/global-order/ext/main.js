// MAIN world at document_start: touches the globals the hook reads, optionally after listing the
// window's own names first (?enumerate in the page URL picks the variant).
(() => {
  if (location.search.includes('enumerate')) Object.getOwnPropertyNames(window);
  for (const name of ['Reflect', 'JSON', 'Proxy', 'WeakMap', 'Symbol', 'Error', 'Blob', 'FileReader', 'CustomEvent', 'MessageEvent', 'CloseEvent', 'WebSocket', 'EventSource', 'MessageChannel', 'Response', 'ReadableStream', 'Uint8Array']) void window[name];
})();
