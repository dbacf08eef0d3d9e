// Every number a detector decides with, named and explained once (docs/findings.md lists them).

/** Browsers allow this many concurrent HTTP/1.1 connections per origin per profile. */
export const HTTP1_CONNECTIONS_PER_ORIGIN = 6;
/** HTTP/2 servers must allow at least this many concurrent streams (RFC 9113); Chromium assumes it. */
export const H2_STREAMS_PER_CONNECTION = 100;
/** A connection created while its origin was full is reported when it waited at least this long. */
export const STALL_MIN_WAIT_MS = 1000;

/** WebSockets CONNECTING to one host:port at the same time before serialization is worth showing… */
export const WS_SERIALIZED_MIN_CONCURRENT = 4;
/** …and only when the last of them waited at least this long to open. */
export const WS_SERIALIZED_MIN_WAIT_MS = 500;
/** Open or connecting WebSockets at once that come close to the browsers' caps (Firefox 200, Chromium 255 per host). */
export const WS_TOTAL_WARN = 200;

/** For storms, an attempt that stayed up less than this before failing counts as a failed try. */
export const STORM_MAX_UP_MS = 10_000;
/** An attempt started sooner than this after the previous failure counts as "no wait at all". */
export const STORM_TIGHT_DELAY_MS = 1000;
/** That many consecutive tight attempts make a storm. */
export const STORM_TIGHT_MIN_RUN = 3;
/** Too many too fast: at least STORM_MAX_ATTEMPTS attempts within STORM_WINDOW_MS. */
export const STORM_WINDOW_MS = 30_000;
export const STORM_MAX_ATTEMPTS = 8;
/** No backoff: this many consecutive attempts whose delay did not grow by STORM_BACKOFF_FACTOR… */
export const STORM_NO_BACKOFF_RUN = 5;
export const STORM_BACKOFF_FACTOR = 1.5;
/** …while each delay stayed under this (a client that waits this long is not a herd). */
export const STORM_NO_BACKOFF_MAX_DELAY_MS = 10_000;

/** A lineage's ids are treated as a sequence once this many steps were exactly +1… */
export const SEQ_MIN_UNIT_STEPS = 3;
/**
 * SSE ids are cursors by design: a numeric id stream that went +1 this many times (and stepped
 * +1 in SEQ_MIN_UNIT_SHARE of its increasing steps) is a sequence, so ids 1, 2, 3, 7 are a gap.
 * Auto-detected WebSocket JSON fields keep the stricter SEQ_MIN_UNIT_STEPS.
 */
export const SSE_SEQ_MIN_UNIT_STEPS = 2;
/** …and at least this share of the increasing steps were +1 (timestamps and sparse ids are not). */
export const SEQ_MIN_UNIT_SHARE = 0.5;
/** JSON messages of a WebSocket lineage sampled to detect a sequence or timestamp field. */
export const FIELD_DETECT_SAMPLE = 32;
/** A sequence field numbered per channel (multiplexed.ts) is recognised for up to this many channels. */
export const MUX_MAX_CHANNELS = 16;
/** A detected sequence field must increase in at least this share of its steps (and step by +1 in SEQ_MIN_UNIT_SHARE of those). */
export const SEQ_FIELD_MIN_INCREASING_SHARE = 0.75;
/** A detected field must appear in at least this share of the sampled messages. */
export const FIELD_MIN_PRESENCE = 0.5;
/** JSON is only parsed for messages up to this size (larger ones are skipped for field analysis). */
export const JSON_PARSE_MAX_CHARS = 64 * 1024;
/** Field enumeration depth and width limits (keep detection cheap on large messages). */
export const JSON_MAX_DEPTH = 3;
export const JSON_MAX_LEAVES = 64;
/** A timestamp field is accepted when the median |receive − timestamp| of the sample is below this. */
export const LAG_MAX_MEDIAN_MS = 60_000;
/** Non-numeric SSE ids remembered per lineage to recognise replays after a reconnect. */
export const NON_NUMERIC_ID_MEMORY = 100_000;

/** WebSocket lineage linking: a successor may be created this much before its predecessor's close event. */
export const LINEAGE_CLOSE_TOLERANCE_MS = 50;

/** Close events of one host this close together are one deploy / restart. */
export const GOING_AWAY_GROUP_MS = 2000;

/** Backpressure: bufferedAmount at or above this after a send counts as "high"… */
export const BACKPRESSURE_MIN_BYTES = 64 * 1024;
/** …for at least this many consecutive sends… */
export const BACKPRESSURE_MIN_SENDS = 3;
/** …spanning at least this long. */
export const BACKPRESSURE_MIN_DURATION_MS = 1000;

/** Unidirectional WebSocket: at least this many incoming messages… */
export const UNIDIR_MIN_MESSAGES_IN = 100;
/** …over at least this long… */
export const UNIDIR_MIN_DURATION_MS = 30_000;
/** …with outgoing messages and bytes each at most this share of the total. */
export const UNIDIR_MAX_OUT_SHARE = 0.05;

/** At most this many findings of one kind per lineage / connection / origin; the rest are summarized. */
export const FINDINGS_CAP_PER_SCOPE = 100;

/**
 * Clock skew allowed between the browser (whose clock times the events) and the server (whose
 * clock decides a JWT's `exp`): a server closing within this of `exp` is enforcing the expiry,
 * and a connection is only said to outlive its token once it stayed open longer than this past it.
 */
export const CREDENTIAL_EXPIRY_SKEW_MS = 2000;

/** stream-stall: a gap between two reads of a fetch stream this many times its median gap… */
export const STREAM_STALL_FACTOR = 5;
/** …and at least this long… */
export const STREAM_STALL_MIN_MS = 2000;
/** …once the stream has had at least this many gaps (a median of fewer means nothing). */
export const STREAM_STALL_MIN_GAPS = 4;
/** A protocol request (ack, RPC, receipt, QoS 1/2 publish) still unanswered this long after it was sent is reported. */
export const UNANSWERED_REQUEST_MS = 10_000;
/** After a reconnect, subscriptions are looked for during this long before they count as lost (or until that connection ends). */
export const RESUBSCRIBE_GRACE_MS = 10_000;
/** Requests or errors listed one by one in a finding's evidence; the rest are counted. */
export const PROTOCOL_EVIDENCE_MAX = 20;

// Recovery verdicts after a fault applied on purpose (src/analysis/recovery/, docs/faults.md).
/** After a drop's outage, how long an app may take to reconnect before "never reconnected". */
export const RECOVERY_RECONNECT_GRACE_MS = 10_000;
/** After reconnecting, how long to wait for the first sequenced message before judging the resume. */
export const RECOVERY_RESUME_WAIT_MS = 3000;
/** A tight loop: at least this many attempts after one drop (Firefox fails a refused WebSocket in ~0.3 s, so fewer fit in an outage than in Chromium)… */
export const RECOVERY_TIGHT_LOOP_MIN_ATTEMPTS = 3;
/** …with a median wait between them below this. */
export const RECOVERY_TIGHT_LOOP_MAX_DELAY_MS = 250;
/** After a message fault, how long the app has to react (resync, reconnect) for "noticed". */
export const RECOVERY_NOTICE_WINDOW_MS = 5000;
