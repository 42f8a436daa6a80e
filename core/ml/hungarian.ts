/**
 * Minimum-cost assignment of rows to columns (Hungarian algorithm, O(n²·m) with potentials).
 * `cost` is rows × cols with rows ≤ cols; returns for each row its column. Callers with more
 * rows than columns pass the transpose.
 */
export function minCostAssignment(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const m = cost[0]?.length ?? 0;
  if (n === 0) return [];
  if (n > m) throw new RangeError(`minCostAssignment needs rows ≤ cols, got ${n} × ${m}`);

  // 1-based arrays: column 0 is the virtual start of each augmenting path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfColumn = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const at = (i: number, j: number): number => (cost[i - 1] as readonly number[])[j - 1] as number;

  for (let i = 1; i <= n; i++) {
    rowOfColumn[0] = i;
    let j0 = 0;
    const minSlack = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = rowOfColumn[j0] as number;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const slack = at(i0, j) - (u[i0] as number) - (v[j] as number);
        if (slack < (minSlack[j] as number)) {
          minSlack[j] = slack;
          way[j] = j0;
        }
        if ((minSlack[j] as number) < delta) {
          delta = minSlack[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          const row = rowOfColumn[j] as number;
          u[row] = (u[row] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else {
          minSlack[j] = (minSlack[j] as number) - delta;
        }
      }
      j0 = j1;
    } while (rowOfColumn[j0] !== 0);

    do {
      const j1 = way[j0] as number;
      rowOfColumn[j0] = rowOfColumn[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }

  const columnOfRow = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) {
    const row = rowOfColumn[j] as number;
    if (row > 0) columnOfRow[row - 1] = j - 1;
  }
  return columnOfRow;
}
