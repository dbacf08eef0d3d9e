// The user's settings (options page), shared by every extension context. Stored in
// storage.local under one key; every context reads them once and follows storage.onChanged, so a
// change applies everywhere immediately. Pure parts (defaults, normalisation) are unit-tested.
//
// CONTRACT (lead): the field names and meanings below are shared by the options page, the
// background (recording scope, payload cap, retention), the exporter (redaction) and the analysis
// (field overrides). Add fields; do not rename.

/** Tells analysis which JSON field to use for the URLs a pattern matches; null turns detection off. */
export interface FieldOverride {
  /** `*` matches any run of characters; the pattern must match the whole URL. */
  urlPattern: string;
  /** Dotted path into the JSON message, array indexes as numbers: "meta.seq", "0.ts". */
  path: string | null;
}

export const SETTINGS_KEY = 'ri:settings';
export const SETTINGS_VERSION = 1;

export type RecordMode = 'all' | 'listed' | 'none';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Which sites are recorded: every site, only `sites`, or none. */
  recordMode: RecordMode;
  /** Host patterns (`example.com`, `*.example.com`, `localhost:8080`) recorded in 'listed' mode. */
  sites: string[];
  /** Host patterns never recorded, whatever the mode. */
  excludedSites: string[];
  /** Bytes of one payload kept (the rest is cut, the full size is kept); at most the hook's 1 MiB. */
  payloadCapBytes: number;
  /** Sessions (page loads) older than this are deleted; 0 = keep forever. */
  retentionDays: number;
  /** Total stored bytes above which the oldest sessions are deleted; 0 = no limit but the quota. */
  retentionMaxBytes: number;
  /** Per-URL sequence / timestamp field overrides for the findings (docs/findings.md). */
  sequenceFields: FieldOverride[];
  timestampFields: FieldOverride[];
  /**
   * Per-URL protocol choice for decoding (docs/protocols.md): `path` is a protocol id
   * (socket.io, mqtt, stomp…) instead of detection, or null to show those connections raw.
   */
  protocolOverrides: FieldOverride[];
  /** JSON payload keys whose values exports redact (besides the built-in rules). */
  redactJsonKeys: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  recordMode: 'all',
  sites: [],
  excludedSites: [],
  payloadCapBytes: 1024 * 1024,
  retentionDays: 7,
  retentionMaxBytes: 512 * 1024 * 1024,
  sequenceFields: [],
  timestampFields: [],
  protocolOverrides: [],
  redactJsonKeys: [],
};
