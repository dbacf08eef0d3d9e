// Which storage notices the panel shows: the newest few not dismissed. Pure.
import type { NoticeRow } from '../../contracts/model';

export const MAX_SHOWN_NOTICES = 3;

export function visibleNotices(notices: readonly NoticeRow[], dismissedUpTo: number, max = MAX_SHOWN_NOTICES): { shown: NoticeRow[]; hidden: number } {
  const fresh = notices.filter((n) => (n.id ?? 0) > dismissedUpTo);
  return { shown: fresh.slice(-max).reverse(), hidden: Math.max(0, fresh.length - max) };
}
