// Notices: what the extension itself did to recorded data (retention, quota relief, clear all).
// Stored in IndexedDB for the panel and the session log; after each write, a storage.local key
// changes so open panels re-read at once (storage.onChanged reaches every extension context).

import type { Db } from '../store/db';
import type { NoticeRow } from '../contracts/model';

export { NOTICES_SIGNAL_KEY } from '../contracts/notices-signal';

export async function writeNotice(db: Db, notice: Omit<NoticeRow, 'id'>): Promise<NoticeRow> {
  const row: NoticeRow = { tabId: notice.tabId, t: notice.t, kind: notice.kind, message: notice.message };
  if (notice.details) row.details = notice.details;
  row.id = await db.add('notices', row);
  return row;
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export function describeRemoval(why: 'age' | 'size' | 'quota', pages: number, connections: number, bytes: number, limit: string): string {
  const what = `${pages} oldest recorded page load${pages === 1 ? '' : 's'} (${connections} connection${connections === 1 ? '' : 's'}, about ${mb(bytes)})`;
  if (why === 'age') return `Deleted ${what}: older than ${limit}.`;
  if (why === 'size') return `Deleted ${what}: recorded data was above the ${limit} limit.`;
  return `Storage quota reached: deleted ${what} so that recording could continue.`;
}
