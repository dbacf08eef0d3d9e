// Wires the background's plain modules to the extension APIs. The service worker (Chrome) or
// event page (Firefox) can be stopped at any moment: nothing here holds state that cannot be
// rebuilt from IndexedDB or from what the relays resend.

import browser, { type Runtime } from 'webextension-polyfill';
import { openInspectorDb } from '../store/db';
import {
  PANEL_PORT,
  RELAY_PORT,
  isPanelToBackground,
  isRelayToBackground,
  isRuntimeRequest,
  serializationOf,
  type MessageSerialization,
  type RuntimeRequest,
  type WelcomeMessage,
  type StatusResponse,
  type SubscribedMessage,
} from '../contracts/protocol';
import { IMPORT_PORT, isViewerToBackground } from '../contracts/protocol';
import { Faults } from './faults';
import { FlushCoordinator } from './flush-all';
import { RefuseRules } from './refuse-rules';
import { ImportSession } from './imports';
import { Ingest, type RelayEndpoint } from './ingest';
import { LiveUpdates, type PanelEndpoint } from './live-updates';
import { RequestObserver } from './request-observer';
import { StreamRequests } from './stream-requests';
import { NetworkConnections } from './network-connections';
import { idbStorage } from './storage';
import { TabAnalysis } from './tab-analysis';
import { HEADERS_RECEIVED_SPEC, SEND_HEADERS_SPEC } from './webrequest-options';
import { analysisOptions, clearAllRecorded, ingestPolicy, liveSettings, startRetention } from './storage-upkeep';
import { isSiteRecorded } from '../settings/recording-scope';

/** Our own extension pages (panel, viewer, exporter, options): same extension, an extension URL. */
function isOwnPage(sender: Runtime.MessageSender | undefined): boolean {
  return sender?.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('')) === true;
}

/** A content script of ours in a tab's frame (only these send records). */
function isContentScript(sender: Runtime.MessageSender | undefined): boolean {
  return sender?.id === browser.runtime.id && sender.tab?.id !== undefined && sender.tab.id >= 0 && sender.frameId !== undefined;
}

/** How long a network-only observation waits for the hook's record of the same connection (a batch: ≤ 50 ms; a fetch body is read right after its headers). */
const NETWORK_CLAIM_DELAY_MS = 1500;

export function startBackground(): void {
  const instanceId = crypto.randomUUID();
  const startedAt = Date.now();
  const dbPromise = openInspectorDb();
  const live = new LiveUpdates();
  const settings = liveSettings(); // options page settings, followed live (storage.onChanged)
  const analysis = new TabAnalysis(() => dbPromise, (m) => live.send(m), (error) => console.error('[realtime-inspector] analysis error', error), undefined, analysisOptions(settings));
  // Storage is opened lazily but listeners must be registered synchronously at startup, or
  // Chrome does not deliver the event that woke the worker.
  const streamRequests = new StreamRequests((tabId, r) => ingest.claimStreamRequest(tabId, r));
  const ingest = new Ingest({
    streamRequests,
    storage: {
      loadSource: async (id) => idbStorage(await dbPromise).loadSource(id),
      loadTab: async (id) => idbStorage(await dbPromise).loadTab(id),
      loadConnection: async (s, l) => idbStorage(await dbPromise).loadConnection(s, l),
      loadConnectionsOfPage: async (p) => idbStorage(await dbPromise).loadConnectionsOfPage(p),
      commit: async (c) => idbStorage(await dbPromise).commit(c),
    },
    policy: ingestPolicy(settings),
    onWriteFailed: (error, changes) => retention.writeFailed(error, changes),
    onCommitted: (changes) => {
      retention.afterCommit();
      live.publish(changes);
      const open = live.tabs();
      if (open.size === 0) return;
      const touched = new Set<number>();
      for (const c of changes.connections) if (open.has(c.tabId)) touched.add(c.tabId);
      for (const r of changes.requests) if (open.has(r.tabId)) touched.add(r.tabId);
      // Connection-limit pressure is shared across tabs: a change elsewhere can matter here.
      if (changes.connections.some((c) => c.kind === 'eventsource')) for (const t of open) touched.add(t);
      analysis.changed(touched);
    },
    onError: (error) => console.error('[realtime-inspector] background error', error),
  });

  const retention = startRetention(() => dbPromise, settings, ingest, (error) => console.error('[realtime-inspector] retention error', error));

  const requests = new RequestObserver((row) => {
    // Recording scope: requests of a tab whose current top-level site is not recorded are dropped.
    if (!isSiteRecorded(ingest.topUrlOfTab(row.tabId), settings.get())) return;
    ingest.queue.next.requests.push(row);
    ingest.queue.kick();
  });
  // Connections only the network saw (Workers, SharedWorkers): handed to the ingest a moment
  // after they opened, so that the hook's record of a page connection arrives first and claims it.
  const network = new NetworkConnections(
    (c) => void setTimeout(() => void ingest.networkConnection(c), NETWORK_CLAIM_DELAY_MS),
    (c) => void setTimeout(() => void ingest.networkEnded(c), NETWORK_CLAIM_DELAY_MS),
  );
  // One listener per webRequest event for every observer (each listener is one more dispatch
  // per request): EventSource requests, streamed responses, network-only connections.
  const filter = { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'], types: ['xmlhttprequest', 'other', 'websocket'] as Array<'xmlhttprequest' | 'other' | 'websocket'> };
  // The polyfill's types do not list "extraHeaders"; the browsers accept what the build flag picks.
  const sendSpec = SEND_HEADERS_SPEC as Array<'requestHeaders'>;
  const receivedSpec = HEADERS_RECEIVED_SPEC as Array<'responseHeaders'>;
  browser.webRequest.onSendHeaders.addListener((d) => {
    requests.sendHeaders(d);
    if (d.type !== 'websocket') streamRequests.sendHeaders(d);
    network.sendHeaders(d);
  }, filter, sendSpec);
  browser.webRequest.onHeadersReceived.addListener((d) => {
    requests.headersReceived(d);
    if (d.type !== 'websocket') streamRequests.headersReceived(d);
    network.headersReceived(d);
  }, filter, receivedSpec);
  browser.webRequest.onErrorOccurred.addListener((d) => {
    requests.errorOccurred(d);
    network.errorOccurred(d);
  }, filter);
  browser.webRequest.onCompleted.addListener((d) => network.completed(d), filter);
  const flusher = new FlushCoordinator(ingest);
  const refuseRules = new RefuseRules(browser.declarativeNetRequest as unknown as ConstructorParameters<typeof RefuseRules>[0]);
  refuseRules.removeStale().catch((error: unknown) => console.error('[realtime-inspector] refuse rules', error));
  const faults = new Faults(ingest, refuseRules);
  const serializations: Record<MessageSerialization, number> = { 'structured-clone': 0, json: 0 };

  // Every port of ours by name, with who may open it. One listener dispatches; a port from anyone
  // else is closed. The tab, frame and URL of a sender come from the browser, never from a message.
  const ports: Record<string, { from: 'content-script' | 'own-page'; connect(port: Runtime.Port): void }> = {
    [RELAY_PORT]: { from: 'content-script', connect: connectRelay },
    [PANEL_PORT]: { from: 'own-page', connect: connectPanel },
    [IMPORT_PORT]: { from: 'own-page', connect: connectViewer },
  };
  browser.runtime.onConnect.addListener((port) => {
    const channel = Object.hasOwn(ports, port.name) ? ports[port.name] : undefined;
    if (!channel) return;
    if (channel.from === 'own-page' ? !isOwnPage(port.sender) : !isContentScript(port.sender)) {
      port.disconnect();
      return;
    }
    channel.connect(port);
  });

  function connectViewer(port: Runtime.Port): void {
    const session = new ImportSession(() => dbPromise, port);
    port.onMessage.addListener((message: unknown) => {
      if (isViewerToBackground(message)) session.receive(message);
      else session.receiveInvalid();
    });
    port.onDisconnect.addListener(() => void session.disconnected());
  }

  function connectRelay(port: Runtime.Port): void {
    const endpoint: RelayEndpoint = port;
    const sender = { tabId: port.sender!.tab!.id!, frameId: port.sender!.frameId!, tabUrl: port.sender?.tab?.url };
    port.onMessage.addListener((message: unknown) => {
      if (!isRelayToBackground(message)) return;
      if (message.type === 'hello') {
        const serialization = serializationOf(message);
        serializations[serialization]++;
        // The cap as the settings say now (defaults until they are read): the hook applies it from
        // then on, ingest to everything.
        const welcome: WelcomeMessage = { type: 'welcome', serialization, payloadCapBytes: settings.get().payloadCapBytes };
        port.postMessage(welcome);
        void ingest.hello(endpoint, sender, message);
      }
      else if (message.type === 'batch') void ingest.batch(endpoint, message);
      else flusher.flushed(endpoint, message.flushId);
    });
    port.onDisconnect.addListener(() => {
      ingest.disconnected(endpoint);
      flusher.gone(endpoint);
    });
  }

  function connectPanel(port: Runtime.Port): void {
    const endpoint: PanelEndpoint = port;
    port.onMessage.addListener((message: unknown) => {
      if (!isPanelToBackground(message)) return;
      live.subscribe(endpoint, message.tabId);
      // Acknowledged, so the panel reads IndexedDB only once updates are sure to reach it.
      const subscribed: SubscribedMessage = { type: 'subscribed', tabId: message.tabId };
      port.postMessage(subscribed);
      analysis.changed([message.tabId], 0);
    });
    port.onDisconnect.addListener(() => live.unsubscribe(endpoint));
  }

  // What our own pages ask with runtime.sendMessage, by type: one listener, one own-page check.
  const runtimeRequests: { [K in RuntimeRequest['type']]: (message: Extract<RuntimeRequest, { type: K }>) => Promise<unknown> } = {
    'ri:status': () => {
      const status: StatusResponse = { instanceId, startedAt, serialization: { ...serializations }, ...ingest.stats, committedEvents: ingest.queue.committedEvents, failedTransactions: ingest.queue.failedTransactions };
      return Promise.resolve(status);
    },
    'ri:flush-all': (message) => flusher.flushAll(message.timeoutMs),
    'ri:clear-all': () => dbPromise.then((db) => clearAllRecorded(db, ingest)),
    'ri:fault': (message) => faults.apply(message),
  };
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isRuntimeRequest(message) || !isOwnPage(sender)) return undefined;
    return (runtimeRequests[message.type] as (m: RuntimeRequest) => Promise<unknown>)(message);
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    streamRequests.tabClosed(tabId);
    void ingest.tabClosed(tabId, Date.now());
  });
}
