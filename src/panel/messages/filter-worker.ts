// The filter worker: a thin shell over filter-jobs.ts. It opens the extension's IndexedDB
// itself (workers of an extension page share its origin) and scans chunks off the UI thread.

import { openInspectorDb } from '../../store/db';
import { createFilterJobs, type FilterReply, type FilterRequest } from './filter-jobs';

interface WorkerScope {
  postMessage(message: FilterReply): void;
  onmessage: ((e: MessageEvent<FilterRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = createFilterJobs(openInspectorDb(), (reply) => scope.postMessage(reply));
scope.onmessage = (e) => handle(e.data);
