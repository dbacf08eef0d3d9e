// A live feed client under test for recovery (test/faults.e2e.test.ts, docs/faults.md). The
// query picks its behaviour, one defect at a time:
//   transport=ws|sse
//   app=good        backoff 200 ms ×2 up to 3.2 s; resumes (ws: {"resume": lastSeq}; sse: ?lastEventId=);
//                   drops duplicates; on a gap in seq asks the server to resync (ws: {"type":"resync"})
//   app=no-resume   the same backoff, but starts again from whatever the server sends now
//   app=tight       reconnects at once after every close, and resumes
//   app=never       never reconnects
//   app=no-resubscribe  (transport=gql) reconnects and resumes, but subscribes on its first connection only
// transport=gql speaks graphql-transport-ws: connection_init, then subscribe { ticks(after) }.
// It keeps what it saw in window.feed, so the test can also check the page's own view.
(function () {
  const q = new URLSearchParams(location.search);
  const transport = q.get('transport') || 'ws';
  const app = q.get('app') || 'good';
  const feed = (window.feed = { seqs: [], connects: 0, closes: [], errors: 0, trusted: [], other: [], resyncs: 0 });
  window.sendToServer = (text) => window.socket.send(text);
  let last = 0;
  let delay = 200;
  const resumes = app !== 'no-resume';

  function later() {
    if (app === 'never') return;
    if (app === 'tight') return connect();
    setTimeout(connect, delay);
    delay = Math.min(delay * 2, 3200);
  }

  function onData(seq, trusted, ws) {
    feed.trusted.push(trusted);
    delay = 200;
    if (app === 'good') {
      if (seq <= last) return; // a duplicate: already shown
      if (ws && last > 0 && seq > last + 1) {
        // A gap: ask for what is missing (once) instead of showing a hole; skip ahead meanwhile.
        if (!feed.resyncing) {
          feed.resyncing = true;
          feed.resyncs++;
          ws.send(JSON.stringify({ type: 'resync', from: last }));
        }
        return;
      }
    }
    feed.resyncing = false;
    feed.seqs.push(seq);
    last = Math.max(last, seq);
  }

  function connect() {
    feed.connects++;
    if (transport === 'gql') {
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/gql?app=' + app, 'graphql-transport-ws');
      const first = feed.connects === 1;
      ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init' }));
      ws.onmessage = (e) => {
        const m = JSON.parse(e.data);
        if (m.type === 'connection_ack' && (first || app !== 'no-resubscribe')) {
          ws.send(JSON.stringify({ type: 'subscribe', id: String(feed.connects), payload: { query: 'subscription Ticks($after: Int) { ticks(after: $after) { seq } }', variables: { after: last } } }));
        } else if (m.type === 'next') onData(m.payload.data.seq, e.isTrusted, null);
      };
      ws.onclose = (e) => {
        feed.closes.push([e.code, e.wasClean]);
        later();
      };
      window.socket = ws;
    } else if (transport === 'ws') {
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/feed?app=' + app);
      ws.onopen = () => ws.send(JSON.stringify(resumes && last > 0 ? { type: 'hello', resume: last } : { type: 'hello' }));
      ws.onmessage = (e) => {
        const m = JSON.parse(e.data);
        if (typeof m.seq === 'number') onData(m.seq, e.isTrusted, ws);
        else feed.other = (feed.other || []).concat([[e.data, e.isTrusted]]);
      };
      ws.onerror = () => feed.errors++;
      ws.onclose = (e) => {
        feed.closes.push([e.code, e.wasClean]);
        later();
      };
      window.socket = ws;
    } else {
      const url = '/sse?app=' + app + (resumes && last > 0 ? '&lastEventId=' + last : '');
      const es = new EventSource(url);
      es.onmessage = (e) => onData(Number(e.lastEventId), e.isTrusted);
      es.onerror = () => {
        feed.errors++;
        // The browser retries by itself while CONNECTING; once CLOSED, the app must.
        if (es.readyState === EventSource.CLOSED) later();
      };
      window.source = es;
    }
  }
  connect();
})();
