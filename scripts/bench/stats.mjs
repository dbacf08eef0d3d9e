// Small statistics for benchmark tables: robust to one slow outlier on a shared 2-core machine.

export function median(values) {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Linear-interpolated quantile (q in 0…1), as numpy's default. */
export function quantile(values, q) {
  if (values.length === 0) throw new Error('quantile of nothing');
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
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
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
  };
}

/** Ratio of medians, and the spread of the per-rep ratios (samples of one rep are paired). */
export function compare(base, other) {
  const pairs = other.map((v, i) => v / base[i]).filter((r) => Number.isFinite(r));
  return {
    ratio: median(other) / median(base),
    pairMin: pairs.length ? Math.min(...pairs) : NaN,
    pairMax: pairs.length ? Math.max(...pairs) : NaN,
  };
}
