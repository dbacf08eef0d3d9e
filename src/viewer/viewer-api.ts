// A small API on the viewer page for tests and the benchmark (scripts/bench/export-import-scale.mjs):
// import a Blob or a URL (fetched and streamed, never held whole) without the file picker, and
// say how long it took. The viewer's list is not refreshed by it; reload the page to see imports.

import { importBlob, importNdjsonStream } from './import-blob';
import type { ImportResult } from './send-import';

export interface TimedImport extends ImportResult {
  ms: number;
}

export interface ViewerApi {
  importBlob(blob: Blob, fileName: string): Promise<TimedImport>;
  /** An NDJSON file at a URL the extension page may fetch, streamed from the response body. */
  importNdjsonUrl(url: string, fileName?: string): Promise<TimedImport>;
}

async function timed(run: () => Promise<ImportResult>): Promise<TimedImport> {
  const start = performance.now();
  const result = await run();
  return { ...result, ms: Math.round(performance.now() - start) };
}

export function installViewerApi(target: Window): void {
  const api: ViewerApi = {
    importBlob: (blob, fileName) => timed(() => importBlob(blob, fileName)),
    importNdjsonUrl: (url, fileName = url) =>
      timed(async () => {
        const response = await fetch(url);
        if (!response.ok || !response.body) throw new Error(`GET ${url}: ${response.status}`);
        return importNdjsonStream(response.body, fileName);
      }),
  };
  (target as Window & { realtimeInspectorViewer?: ViewerApi }).realtimeInspectorViewer = api;
}
