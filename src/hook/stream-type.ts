// Which fetch responses are streams we record, from the Content-Type header alone (decided when
// the page first reads `response.body`, before any byte is copied). Everything else is never
// looked at again. The exec is the one captured at startup (intrinsics.ts).

import type { StreamFormat } from '../contracts/protocol';
import { formatOfMatch, STREAM_CONTENT_TYPE } from '../contracts/stream-content-type';
import { regExpExec } from './intrinsics';

export function streamFormatOf(contentType: string | null): StreamFormat | undefined {
  if (contentType === null) return undefined;
  const m = regExpExec(STREAM_CONTENT_TYPE, contentType);
  return m === null ? undefined : formatOfMatch(m);
}
