// What every export takes besides its scope, and the ONE place that turns the user's settings
// into it: the panel's Export menu and the exporter page (recorder API, CLI) both call
// `exportOptions`, so both read the same normalised settings once per export.

import type { AnalysisOptions } from '../analysis';
import { producerBrowser } from '../formats/producer';
import { normaliseSettings } from '../settings/settings-normalise';
import { loadSettings } from '../settings/settings-store';
import type { ExportScope } from './select';

export interface ExportOptions extends ExportScope {
  /** Producer browser, e.g. "Chromium 156". */
  browser: string;
  version?: string;
  now?: () => Date;
  /** Keep secrets as recorded. Default false: the export is sanitized (src/formats/redact.ts). */
  includeSensitive?: boolean;
  /** The user's extra JSON keys to redact (settings.redactJsonKeys). */
  redactJsonKeys?: readonly string[];
  /** The user's per-URL sequence / timestamp field overrides (settings), for the findings. */
  fieldOverrides?: Pick<AnalysisOptions, 'sequenceFields' | 'timestampFields' | 'protocolOverrides'>;
}

/** The caller's scope and choice, completed from the settings (normalised) and this browser. */
export async function exportOptions(choice: ExportScope & { includeSensitive?: boolean }): Promise<ExportOptions> {
  // Unreadable storage (no permission, a broken value): the defaults, so the built-in rules still apply.
  const { settings } = await loadSettings().catch(() => normaliseSettings(undefined));
  return {
    ...choice,
    browser: producerBrowser(navigator.userAgent),
    redactJsonKeys: settings.redactJsonKeys,
    fieldOverrides: { sequenceFields: settings.sequenceFields, timestampFields: settings.timestampFields, protocolOverrides: settings.protocolOverrides },
  };
}
