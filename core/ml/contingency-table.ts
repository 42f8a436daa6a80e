/** How two partitions of the same items overlap: counts per pair of labels and per label. */
export interface ContingencyTable {
  /** Items labelled `x` in one partition and `y` in the other, keyed `x:y`. */
  cells: Map<string, number>;
  rows: Map<number, number>;
  columns: Map<number, number>;
}

/** Counts the overlap of partitions `a` and `b`, which list their labels item by item. */
export function contingencyTable(a: ArrayLike<number>, b: ArrayLike<number>): ContingencyTable {
  if (a.length !== b.length) throw new RangeError('both partitions must label the same items');
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    cells.set(`${x}:${y}`, (cells.get(`${x}:${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    columns.set(y, (columns.get(y) ?? 0) + 1);
  }
  return { cells, rows, columns };
}
