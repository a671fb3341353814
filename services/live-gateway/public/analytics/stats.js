// Arithmetic over rows for the charts: grouping, and five-number summaries for the box plots
// (ECharts draws boxes from [min, Q1, median, Q3, max]).

/** Quantile by linear interpolation between the closest ranks (numpy's default, R type 7). */
export function quantile(sorted, q) {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export function fiveNumbers(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return [
    sorted[0],
    quantile(sorted, 0.25),
    quantile(sorted, 0.5),
    quantile(sorted, 0.75),
    sorted.at(-1),
  ].map((value) => Math.round(value * 1000) / 1000);
}

/** Rows by key, in their order (Map.groupBy, which older browsers and Node 20 lack). */
export function groupBy(rows, key) {
  const groups = new Map();
  for (const row of rows) {
    const k = key(row);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(row);
  }
  return groups;
}
