// The details of a streamed fetch() response: request method, status, content type and
// encoding, how its body was split, and who ended it when (the server, the page, the network).

import type { ConnectionRow } from '../../contracts/model';
import { endedByText, formatTime } from '../ui/format';

export function FetchStreamFacts({ c }: { c: ConnectionRow }) {
  const end = c.streamEnd;
  return (
    <>
      <dt>Request</dt>
      <dd data-testid="fetch-stream-request">
        {c.method ?? 'method not seen'} · {c.status === undefined ? 'no response' : `${c.status}${c.statusText ? ` ${c.statusText}` : ''}`}
        {c.contentType ? ` · ${c.contentType}` : ''}
        {c.contentEncoding ? ` · ${c.contentEncoding}` : ''}
        {c.responseUrl && c.responseUrl !== c.url ? ` · redirected to ${c.responseUrl}` : ''}
        {c.requestStartedAt !== undefined && c.responseStartedAt !== undefined ? ` · response headers after ${Math.round(c.responseStartedAt - c.requestStartedAt)} ms` : ''}
      </dd>
      <dt>Body</dt>
      <dd data-testid="fetch-stream-body">
        {c.streamFormat === 'sse' ? 'server-sent events' : c.streamFormat === 'json-seq' ? 'JSON text sequence' : 'newline-delimited JSON'}
        {` · ${c.messagesIn} record${c.messagesIn === 1 ? '' : 's'} in ${c.chunks ?? 0} chunk${c.chunks === 1 ? '' : 's'}`}
        {c.sseRetryMs !== undefined ? ` · retry ${c.sseRetryMs} ms` : ''}
        {end ? ` · ${endedByText(end.by)}${end.error ? ` (${end.error})` : ''} at ${formatTime(end.t)}` : ' · still being read'}
      </dd>
    </>
  );
}
