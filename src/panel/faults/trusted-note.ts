// What the panel says about the synthetic events a fault shows the page (docs/faults.md): they
// cannot be trusted browser events, and which real client libraries would notice. Checked in
// their sources (the versions in docs/faults.md): none of these reads `isTrusted`.

export const CHECKED_LIBRARIES = ['socket.io-client', 'engine.io-client', 'graphql-ws', 'reconnecting-websocket', 'sockjs-client', 'mqtt', '@stomp/stompjs', '@microsoft/signalr', 'phoenix', '@microsoft/fetch-event-source'] as const;

export const TRUSTED_NOTE =
  'Events a fault shows the page (error, close 1006, delayed or injected messages) are synthetic: event.isTrusted is false. ' +
  `None of ${CHECKED_LIBRARIES.join(', ')} checks isTrusted; code that does (some analytics and RUM scripts drop untrusted events) will ignore them.`;
