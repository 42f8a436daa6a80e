/**
 * Top-k ranking figures for one customer with binary relevance: `ranked` is the list a model
 * recommended, best first; `relevant` the items the customer actually bought.
 */

/** 1 when any of the first k recommendations was bought, else 0. */
export function hitAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    if (relevant.has(ranked[i] as string)) return 1;
  }
  return 0;
}

/** Share of the relevant items found in the first k; NaN without relevant items. */
export function recallAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  if (relevant.size === 0) return Number.NaN;
  let found = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    if (relevant.has(ranked[i] as string)) found++;
  }
  return found / relevant.size;
}

/**
 * Normalised discounted cumulative gain: Σ 1/log2(rank + 1) over hits in the first k, divided
 * by the same sum for an ideal list (all relevant items first, at most k of them).
 * NaN without relevant items.
 */
export function ndcgAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  if (relevant.size === 0) return Number.NaN;
  let gain = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    if (relevant.has(ranked[i] as string)) gain += 1 / Math.log2(i + 2);
  }

  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return gain / ideal;
}
