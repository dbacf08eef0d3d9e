// What the extension did to recorded data (retention, quota relief, "clear all"): read from the
// `notices` store for this tab and for all tabs (tabId 0), again whenever the background signals
// a new notice through storage.local (storage.onChanged reaches every extension context).

import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { openInspectorDb } from '../../store/db';
import type { NoticeRow } from '../../contracts/model';
import { NOTICES_SIGNAL_KEY } from '../../contracts/notices-signal';
import { readNotices } from '../idb-reads';
import { visibleNotices } from './notice-view';

const DISMISSED_KEY = 'ri:notices-dismissed-up-to';

export function StorageNotice({ tabId }: { tabId: number }) {
  const [notices, setNotices] = useState<NoticeRow[]>([]);
  const [dismissed, setDismissed] = useState(() => Number(localStorage.getItem(DISMISSED_KEY) ?? 0) || 0);
  useEffect(() => {
    let alive = true;
    const db = openInspectorDb();
    const reread = () =>
      void db
        .then((d) => readNotices(d, tabId))
        .then((rows) => alive && setNotices(rows))
        .catch(() => undefined);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && NOTICES_SIGNAL_KEY in changes) reread();
    };
    browser.storage.onChanged.addListener(onChanged);
    reread();
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
      void db.then((d) => d.close());
    };
  }, [tabId]);
  const { shown, hidden } = visibleNotices(notices, dismissed);
  if (shown.length === 0) return null;
  const dismiss = () => {
    const upTo = Math.max(...notices.map((n) => n.id ?? 0));
    localStorage.setItem(DISMISSED_KEY, String(upTo));
    setDismissed(upTo);
  };
  return (
    <section class="storage-notice" role="status" aria-label="Storage notices" data-testid="storage-notice">
      <ul>
        {shown.map((n) => (
          <li key={n.id} data-kind={n.kind}>
            <time dateTime={new Date(n.t).toISOString()}>{new Date(n.t).toLocaleTimeString()}</time> {n.message}
          </li>
        ))}
      </ul>
      {hidden > 0 && <span class="muted">{hidden} earlier notice{hidden === 1 ? '' : 's'}</span>}
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </section>
  );
}
