import type { WeightedGraph } from './weighted-graph.js';

/**
 * Newman–Girvan modularity of a partition: the share of edge weight inside communities minus
 * what a random graph with the same degrees would put there, the expectation scaled by
 * `resolution` (1 is the classic measure). 0 for a graph without edges.
 */
export function modularity(
  graph: WeightedGraph,
  communities: ArrayLike<number>,
  resolution = 1,
): number {
  const m = graph.totalWeight;
  if (m === 0) return 0;

  const inside = new Map<number, number>();
  const total = new Map<number, number>();
  for (let i = 0; i < graph.size; i++) {
    const c = communities[i] as number;
    total.set(c, (total.get(c) ?? 0) + (graph.degrees[i] ?? 0));
    let own = graph.loops[i] ?? 0;
    graph.forEachNeighbour(i, (j, weight) => {
      // Each edge is seen from both ends: count it from the lower one only.
      if (j > i && communities[j] === c) own += weight;
    });
    inside.set(c, (inside.get(c) ?? 0) + own);
  }

  let q = 0;
  for (const [c, tot] of total) q += (inside.get(c) ?? 0) / m - resolution * (tot / (2 * m)) ** 2;
  return q;
}
