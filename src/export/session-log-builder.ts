// Builds the session log (docs/session-log.md) of a scope: the analysed scope, redacted. The
// panel's Export button, the exporter page (recorder API, CLI) and tests all call this.

import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION, type SessionLog } from '../contracts/session-log-format';
import { analysedLogConnection, toLogEvent, toLogPage } from '../formats/log-rows';
import { producer } from '../formats/producer';
import { createRedactor } from '../formats/redact';
import type { Db } from '../store/db';
import { readAnalysedScope } from './analysed-scope';
import type { ExportOptions } from './export-options';
import { createEventDecoder } from './decoded-fields';
import { readLogNotices } from './log-notices';

export async function buildSessionLog(db: Db, opts: ExportOptions): Promise<SessionLog> {
  const scope = await readAnalysedScope(db, opts);
  const analysis = scope.analysis!;
  const redact = createRedactor(opts);
  const toAnalysed = analysedLogConnection(analysis);
  const connections = scope.connections.map(toAnalysed);
  // Decoded before redaction, which then covers the names and ids too.
  const decoder = createEventDecoder(connections, opts.fieldOverrides?.protocolOverrides);
  return {
    format: SESSION_LOG_FORMAT,
    version: SESSION_LOG_VERSION,
    exportedAt: (opts.now?.() ?? new Date()).toISOString(),
    producer: producer(opts),
    pages: scope.pages.map((p) => redact.page(toLogPage(p))),
    connections: connections.map((c) => redact.connection(c)),
    events: scope.events!.map((e) => redact.event(decoder.annotate(toLogEvent(e)))),
    findings: analysis.findings.map((f) => redact.finding(f)),
    verdicts: analysis.verdicts.map((v) => redact.verdict(v)),
    sanitized: redact.sanitized,
    ...(await readLogNotices(db, opts.tabIds)),
  };
}
