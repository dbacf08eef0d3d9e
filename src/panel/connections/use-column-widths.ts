import { useCallback, useState } from 'preact/hooks';
import { loadColumnWidths, saveColumnWidths, withWidth, type ColumnWidths } from './column-widths';
import type { ColumnName } from './table-sort';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Column widths the user dragged, persisted in localStorage when a drag ends. */
export function useColumnWidths() {
  const [widths, setWidths] = useState<ColumnWidths>(() => loadColumnWidths(storage()));

  const startResize = useCallback((column: ColumnName, e: PointerEvent) => {
    const handle = e.currentTarget as HTMLElement;
    const th = handle.closest('th');
    if (!th) return;
    e.preventDefault();
    const startX = e.clientX;
    const startWidth = th.getBoundingClientRect().width;
    handle.setPointerCapture(e.pointerId);
    let latest: ColumnWidths | null = null;
    const move = (ev: PointerEvent) => {
      setWidths((w) => (latest = withWidth(w, column, startWidth + ev.clientX - startX)));
    };
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      if (latest) saveColumnWidths(storage(), latest);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  }, []);

  const resizeBy = useCallback((column: ColumnName, deltaPx: number) => {
    setWidths((w) => {
      const th = document.querySelector(`th[data-column="${column}"]`);
      const next = withWidth(w, column, (w[column] ?? th?.getBoundingClientRect().width ?? 80) + deltaPx);
      saveColumnWidths(storage(), next);
      return next;
    });
  }, []);

  return { widths, startResize, resizeBy };
}
