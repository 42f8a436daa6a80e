/**
 * Agreement of two partitions of the same items, corrected for chance: 1 when they are the
 * same up to relabelling, about 0 for unrelated ones (Hubert & Arabie, 1985). Labels are any
 * non-negative integers; `a` and `b` list them item by item.
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError('both partitions must label the same items');
  const n = a.length;
  if (n < 2) return 1;

  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    cells.set(`${x}:${y}`, (cells.get(`${x}:${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    columns.set(y, (columns.get(y) ?? 0) + 1);
  }

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
