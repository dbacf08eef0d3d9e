// The recorder's Node API (`realtime-inspector/recorder`, built to dist/recorder/index.js): it only
// re-exports. Launch Debian's Chromium or Firefox headless with the built extension, read what it
// recorded, open its DevTools panel. `npm run record`, `npm start`, the benchmark and the
// end-to-end tests all use it; people can use it in their own puppeteer runs to dump a session log
// when a test fails.
//
//   import { launchInspectedBrowser } from 'realtime-inspector/recorder';
//   const inspected = await launchInspectedBrowser({ browser: 'chromium' });
//   const page = await inspected.browser.newPage(); await page.goto(url);
//   const log = await inspected.exportSessionLog();   // flushes first
//   await inspected.close();
//
// The Playwright fixture is a separate entry (playwright.ts, `realtime-inspector/playwright`) so that
// this one never imports @playwright/test.

export type { SessionLog } from '../contracts/session-log-format';
export { launchInspectedBrowser, type InspectedBrowser, type LaunchOptions } from './launch';
export { GECKO_ID, defaultExecutablePath, defaultExtensionDir, type BrowserName } from './browsers';
export { packageRoot } from './package-root';
export type { ExportRequest } from './exporter-page';
export { openPanel, type OpenedPanel, type OpenPanelOptions } from './devtools-panel';
export { expectNoFindings, findingsAtLeast, findingsSummary, toHaveNoFindings, FindingsAssertionError, type FindingsCheckOptions, type Severity } from './findings-check';
export { saveSessionLog, LOG_FILES, type LogSource, type SavedLog, type SaveLogOptions } from './save-log';
export type { Faults, AppliedFault, FaultMatch, FaultOptions } from './faults';
export type { FaultAction, MessageFaultMode } from '../contracts/fault';
export type { LogVerdict } from '../contracts/session-log-format';
export { record, checkBrowserBinary, RecordError, type RecordOptions, type RecordResult } from './record';
