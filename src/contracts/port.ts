// One type for every runtime port of ours, as one side sees it: what it sends (`Out`) and what it
// receives (`In`; `unknown` until the receiver's validator in protocol.ts has checked it). The
// relay, the panel, the viewer and the background's endpoints all use it; tests implement it
// with fakes. A runtime.Port of either browser (chrome.* or webextension-polyfill) fits it.

export interface Port<Out, In = unknown> {
  postMessage(message: Out): void;
  disconnect(): void;
  onMessage: { addListener(fn: (message: In) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
}

/** The sending half of a port: what the background keeps of a connected relay, panel or viewer. */
export type PortSender<Out> = Pick<Port<Out>, 'postMessage'>;
