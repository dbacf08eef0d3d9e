// Said plainly so nobody takes the list as complete: what wrapping the window's constructors and
// observing the page's body reads cannot reach (docs/architecture.md, What is not captured).
export function CoverageNote() {
  return (
    <footer class="coverage" data-testid="coverage-note">
      Not captured: messages of connections made in Workers and SharedWorkers (only their URL, open
      and close are seen on the network, a WebSocket's close not at all, and in Chromium not a
      SharedWorker's WebSockets), WebTransport, and pipes into a WebSocketStream's writable.
    </footer>
  );
}
