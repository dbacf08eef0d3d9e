// Said plainly so nobody takes the list as complete: these are not reached by wrapping the
// window's WebSocket and EventSource constructors.
export function CoverageNote() {
  return (
    <footer class="coverage" data-testid="coverage-note">
      Not captured: connections made in Workers and SharedWorkers, WebSocketStream, WebTransport, XMLHttpRequest streaming, and fetch() bodies split with tee() (fetch() streams read with a reader, for await, pipeTo or pipeThrough are captured).
    </footer>
  );
}
