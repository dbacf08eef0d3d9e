import { expect, it } from 'vitest';
import type { ConnectionRow } from '../../contracts/model';
import { panelTitle } from './panel-title';
import { applyUpdate, initialState } from '../store';

it('names the panel until data is read, then counts connections and messages', () => {
  const s0 = initialState(1);
  expect(panelTitle(s0)).toBe('Realtime Inspector panel');
  const row = (id: string, messagesIn: number, messagesOut: number) => ({ id, tabId: 1, createdAt: 1, lastSeq: 0, messagesIn, messagesOut }) as ConnectionRow;
  const s1 = applyUpdate(s0, { type: 'snapshot', tabId: 1, pages: [], connections: [] });
  expect(panelTitle(s1)).toBe('Realtime · 0 connections · 0 messages');
  const s2 = applyUpdate(s1, { type: 'snapshot', tabId: 1, pages: [], connections: [row('a', 2, 1), row('b', 0, 0)] });
  expect(panelTitle(s2)).toBe('Realtime · 2 connections · 3 messages');
});
