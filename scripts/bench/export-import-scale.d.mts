// Types of export-import-scale.mjs for the TypeScript tests that reuse its synthetic file.
export function syntheticNdjson(n: number): Generator<string>;
export function measureExportImport(opts: { browser: import('puppeteer-core').Browser; extensionOrigin: string; n: number }): Promise<{
  n: number;
  fileBytes: number;
  import: { ms: number; events: number; peakPageMB: number; peakBackgroundMB: number };
  export: { ms: number; bytes: number; events: number; peakPageMB: number; peakBackgroundMB: number };
}>;
export function describeResult(result: Awaited<ReturnType<typeof measureExportImport>>): string;
