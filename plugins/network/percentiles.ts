/**
 * Each value's percentile rank 0–100 among `values`: the share of the others it exceeds,
 * ties counted half, so the largest is 100, the smallest 0 and equal values share a rank.
 */
export function percentileRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const ranks = new Float64Array(n);
  if (n === 1) ranks[0] = 100;
  if (n <= 1) return ranks;

  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && values[order[end + 1] as number] === values[order[start] as number])
      end++;
    // Below: `start` values; tied others: `end - start`, counted half.
    const rank = (100 * (start + (end - start) / 2)) / (n - 1);
    for (let k = start; k <= end; k++) ranks[order[k] as number] = rank;
    start = end + 1;
  }
  return ranks;
}
