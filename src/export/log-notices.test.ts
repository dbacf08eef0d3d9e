import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { sessionLogErrors } from '../../test/harness/schema';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import { buildSessionLog } from './session-log-builder';
import { readLogNotices } from './log-notices';

let db: Db;
beforeEach(async () => {
  db?.close();
  await deleteDB(DB_NAME);
  db = await openInspectorDb();
});

describe('session log notices', () => {
  it('no notices: no key', async () => {
    expect(await readLogNotices(db)).toEqual({});
    const log = await buildSessionLog(db, { browser: 'test', version: '0' });
    expect('notices' in log).toBe(false);
  });

  it('the exported tabs get their own notices and the all-tabs ones, oldest first, and the log stays valid', async () => {
    await db.add('notices', { tabId: 0, t: 20, kind: 'quota', message: 'Storage quota reached', details: { pages: 1 } });
    await db.add('notices', { tabId: 5, t: 10, kind: 'retention', message: 'tab 5' });
    await db.add('notices', { tabId: 6, t: 5, kind: 'retention', message: 'tab 6' });
    expect((await readLogNotices(db, [5])).notices?.map((n) => n.message)).toEqual(['tab 5', 'Storage quota reached']);
    const log = await buildSessionLog(db, { browser: 'test', version: '0' });
    expect(log.notices?.map((n) => n.tabId)).toEqual([6, 5, 0]);
    expect(log.notices?.[2]).toEqual({ t: 20, kind: 'quota', tabId: 0, message: 'Storage quota reached', details: { pages: 1 } });
    expect(sessionLogErrors(log)).toEqual([]);
  });
});
