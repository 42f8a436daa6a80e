import { topKIndices } from '../../core/ml/top-k.js';

/** For each item, the items it points to and how strongly: a sparse item × item model. */
export interface ItemNeighbours {
  ids: number[][];
  weights: number[][];
}

/**
 * Keeps the `k` largest positive entries of each row of a dense n × n score matrix (the
 * diagonal left out), rounded to 6 significant digits so a saved model scores exactly as the
 * one in memory.
 */
export function sparsifyRows(
  matrix: Float64Array | Float32Array,
  n: number,
  k: number,
): ItemNeighbours {
  const ids: number[][] = [];
  const weights: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = matrix.subarray(i * n, (i + 1) * n);
    const top = topKIndices(row, k, (j) => j === i || (row[j] as number) <= 0);
    ids.push(top);
    weights.push(top.map((j) => Number((row[j] as number).toPrecision(6))));
  }
  return { ids, weights };
}

/** Dense item × item co-occurrence counts (customers who bought both); diagonal = buyers. */
export function coOccurrence(lists: readonly Int32Array[], n: number): Float64Array {
  const counts = new Float64Array(n * n);
  for (const items of lists) {
    for (let a = 0; a < items.length; a++) {
      const row = (items[a] as number) * n;
      for (let b = 0; b < items.length; b++) {
        const cell = row + (items[b] as number);
        counts[cell] = (counts[cell] as number) + 1;
      }
    }
  }
  return counts;
}
