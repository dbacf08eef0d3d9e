// Chromium hands webRequest listeners the headers its network service adds itself (among them
// Last-Event-ID on an EventSource reconnect) only with "extraHeaders"; without it the evidence
// says "reconnected without a Last-Event-ID" although the server received one (measured in the
// findings e2e test). Firefox has no such option and rejects unknown ones: a build flag picks.
// https://developer.chrome.com/docs/extensions/reference/api/webRequest#life_cycle_of_requests
type Spec = 'requestHeaders' | 'responseHeaders' | 'extraHeaders';

export const SEND_HEADERS_SPEC: Spec[] = __RI_BROWSER__ === 'chrome' ? ['requestHeaders', 'extraHeaders'] : ['requestHeaders'];
export const HEADERS_RECEIVED_SPEC: Spec[] = ['responseHeaders'];
