// @tanstack/virtual-core driven from preact hooks (it is framework-agnostic; this is what its
// React adapter does): one Virtualizer per component, options refreshed on every render, a
// re-render whenever the visible range changes.

import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import type { RefObject } from 'preact';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

export function useVirtualizer(opts: { count: number; rowHeight: number; scrollRef: RefObject<HTMLElement | null>; overscan?: number; paddingStart?: number; paddingEnd?: number }): Virtualizer<HTMLElement, HTMLElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const options = {
    count: opts.count,
    getScrollElement: () => opts.scrollRef.current,
    // Fixed height rows: no measuring, positions are index × height.
    estimateSize: () => opts.rowHeight,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    overscan: opts.overscan ?? 10,
    // Room before / after the rows (the message list's "Show earlier / later rows" bars).
    paddingStart: opts.paddingStart ?? 0,
    paddingEnd: opts.paddingEnd ?? 0,
    onChange: () => rerender(0),
  };
  const [instance] = useState(() => new Virtualizer<HTMLElement, HTMLElement>(options));
  instance.setOptions(options);
  useLayoutEffect(() => instance._didMount(), []);
  useLayoutEffect(() => instance._willUpdate());
  return instance;
}
