import { coOccurrence, sparsifyRows, type ItemNeighbours } from './item-neighbours.js';

/**
 * Item-based collaborative filtering: cosine similarity between the items' buyer sets,
 * co(i, j) / √(buyers(i) · buyers(j)), keeping each item's `k` most similar items.
 */
export function fitItemCf(lists: readonly Int32Array[], n: number, k: number): ItemNeighbours {
  const similarity = coOccurrence(lists, n);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(similarity[i * n + i] as number);

  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const norm = (norms[i] as number) * (norms[j] as number);
      similarity[i * n + j] = norm > 0 ? (similarity[i * n + j] as number) / norm : 0;
    }
  }
  return sparsifyRows(similarity, n, k);
}
