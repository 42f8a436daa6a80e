import { contingencyTable } from './contingency-table.js';

/**
 * Mutual information of two partitions of the same items divided by the mean of their
 * entropies (the arithmetic normalisation of Strehl & Ghosh's measure, as most community
 * detection papers report it): 1 for the same partition up to relabelling, near 0 for
 * unrelated ones. Two partitions that both put everything in one group count as equal.
 */
export function normalizedMutualInformation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { cells, rows, columns } = contingencyTable(a, b);
  const n = a.length;
  if (n === 0) return 1;

  const entropy = (counts: Iterable<number>) =>
    [...counts].reduce((h, c) => h - (c / n) * Math.log(c / n), 0);
  let information = 0;
  for (const [key, count] of cells) {
    const [x, y] = key.split(':').map(Number) as [number, number];
    const expected = ((rows.get(x) ?? 0) * (columns.get(y) ?? 0)) / n;
    information += (count / n) * Math.log(count / expected);
  }
  const mean = (entropy(rows.values()) + entropy(columns.values())) / 2;
  return mean === 0 ? 1 : Math.max(0, information / mean);
}
