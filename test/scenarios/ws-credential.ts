// A WebSocket whose URL carries `?token=<JWT>` that expires EXPIRES_IN_S seconds after the page
// is built; the server keeps the socket open and the page closes it (1000) only once the token
// has expired (by more than the clock skew tolerance) (`credential-expired`, warning: the connection outlived its token).
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const EXPIRES_IN_S = 2;

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** An unsigned JWT (`alg: none`): the analysis reads `exp`, never verifies signatures. */
export function makeJwt(exp: number, iat: number): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'scenario', iat, exp })}.`;
}

const PAGE = page(`
const token = new URLSearchParams(location.search).get('token');
const expMs = Number(new URLSearchParams(location.search).get('exp')) * 1000;
const ws = new WebSocket(location.origin.replace('http', 'ws') + '/feed?token=' + token);
ws.onopen = count;
ws.onmessage = count;
ws.onclose = () => { count(); window.scenario.done = true; };
// The scenario's clock: close \`after\` ms past the token's exp (browser clock, as the analysis
// uses) — past the analysis' clock skew tolerance, which the test passes in.
const after = Number(new URLSearchParams(location.search).get('after') ?? 300);
const timer = setInterval(() => { if (Date.now() > expMs + after) { clearInterval(timer); ws.close(1000, 'bye'); } }, 50);
`);

export function startCredentialServer(): Promise<TestServer> {
  return startServer({
    routes: { '/page.html': html(PAGE) },
    onSocket(ws) {
      ws.send('hello');
    },
  });
}
