// Small statistics for benchmark tables: robust to one slow outlier on a shared 2-core machine.

export function median(values) {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median absolute deviation relative to the median, in percent. */
export function relativeMad(values) {
  const m = median(values);
  return (100 * median(values.map((v) => Math.abs(v - m)))) / m;
}

export function summarize(values) {
  return {
    n: values.length,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    madPct: relativeMad(values),
  };
}
