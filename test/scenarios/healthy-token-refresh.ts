// A server that enforces token expiry: the WebSocket URL carries a JWT that expires TOKEN_TTL_S
// seconds after it was issued; the server closes the socket with 1008 at `exp`, and the client
// fetches a fresh token and reconnects. The page then closes the second socket (1000) well before
// its token expires. Correct behaviour on both sides: nothing above info.
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const TOKEN_TTL_S = 2;

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (exp: number, iat: number) => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'scenario', iat, exp })}.`;

const PAGE = page(`
const wsUrl = location.origin.replace('http', 'ws') + '/feed';
let connections = 0;
async function connect() {
  const token = await (await fetch('/token')).text();
  const ws = new WebSocket(wsUrl + '?token=' + token);
  const n = ++connections;
  ws.onopen = count;
  ws.onmessage = () => { count(); if (n === 2) ws.close(1000, 'done'); };
  ws.onclose = (e) => {
    count();
    if (e.code === 1008) connect();
    else window.scenario.done = true;
  };
}
connect();
`);

export function startTokenRefreshServer(): Promise<TestServer> {
  return startServer({
    routes: {
      '/page.html': html(PAGE),
      '/token': (_req, res) => {
        const iat = Math.floor(Date.now() / 1000);
        res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(jwt(iat + TOKEN_TTL_S, iat));
      },
    },
    onSocket(ws, req) {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
      const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp;
      ws.send('hello');
      // Enforce the expiry: close at exp (the server's clock is the browser's here).
      const timer = setTimeout(() => ws.close(1008, 'token expired'), Math.max(0, exp * 1000 - Date.now()));
      ws.on('close', () => clearTimeout(timer));
    },
  });
}
