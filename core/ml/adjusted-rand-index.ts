import { contingencyTable } from './contingency-table.js';

/**
 * Agreement of two partitions of the same items, corrected for chance: 1 when they are the
 * same up to relabelling, about 0 for unrelated ones (Hubert & Arabie, 1985). Labels are any
 * non-negative integers; `a` and `b` list them item by item.
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { cells, rows, columns } = contingencyTable(a, b);
  const n = a.length;
  if (n < 2) return 1;

  const pairs = (count: number): number => (count * (count - 1)) / 2;
  const sum = (counts: Iterable<number>): number => [...counts].reduce((s, c) => s + pairs(c), 0);
  const index = sum(cells.values());
  const rowPairs = sum(rows.values());
  const columnPairs = sum(columns.values());
  const expected = (rowPairs * columnPairs) / pairs(n);
  const maximum = (rowPairs + columnPairs) / 2;
  // Both partitions put everything in one group (or every item alone): they agree fully.
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}
