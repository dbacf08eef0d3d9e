// The port's messages are checked from unknown like every other boundary (protocol.ts has no
// validator for BackgroundToPanel yet). Rows come from our own background: shape, not content.

import type { UpdateMessage } from '../shared/protocol';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const rowsWith = (x: unknown, key: string) => Array.isArray(x) && x.every((r) => isObj(r) && key in r);

export function isUpdateMessage(x: unknown): x is UpdateMessage {
  return (
    isObj(x) &&
    x.type === 'update' &&
    Number.isSafeInteger(x.tabId) &&
    rowsWith(x.pages, 'id') &&
    rowsWith(x.connections, 'id') &&
    rowsWith(x.events, 'seq')
  );
}
