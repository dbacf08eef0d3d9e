// Said plainly so nobody takes the list as complete: these are not reached by wrapping the
// window's WebSocket and EventSource constructors.
export function CoverageNote() {
  return (
    <footer class="coverage" data-testid="coverage-note">
      Not captured: connections made in Workers and SharedWorkers, WebSocketStream, WebTransport, XMLHttpRequest streaming, and fetch() bodies read with pipeTo / pipeThrough (fetch() streams read with getReader() or for await are captured).
    </footer>
  );
}
