import type { WeightedGraph } from './weighted-graph.js';

/** How PageRank iterates; the defaults are the usual ones (Brin & Page, 1998). */
export interface PageRankOptions {
  /** Chance of following an edge rather than jumping to any node. */
  damping?: number;
  /** Stop when the L1 change of one step falls below this. */
  tolerance?: number;
  maxIterations?: number;
}

/**
 * PageRank on the weighted undirected graph by power iteration: a walker follows an edge
 * with probability `damping`, chosen in proportion to its weight, and otherwise jumps to a
 * node chosen uniformly. Nodes without edges spread their rank evenly. Sums to 1.
 */
export function pageRank(graph: WeightedGraph, options: PageRankOptions = {}): Float64Array {
  const damping = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  const n = graph.size;
  if (n === 0) return new Float64Array(0);

  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if ((graph.degrees[i] ?? 0) === 0) dangling += rank[i] ?? 0;
    next.fill((1 - damping + damping * dangling) / n);

    for (let i = 0; i < n; i++) {
      const degree = graph.degrees[i] ?? 0;
      if (degree === 0) continue;
      const share = (damping * (rank[i] ?? 0)) / degree;
      // A self weight keeps the walker in place: twice, as it counts twice in the degree.
      next[i] = (next[i] ?? 0) + share * 2 * (graph.loops[i] ?? 0);
      graph.forEachNeighbour(i, (j, weight) => {
        next[j] = (next[j] ?? 0) + share * weight;
      });
    }

    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs((next[i] ?? 0) - (rank[i] ?? 0));
    [rank, next] = [next, rank];
    if (change < tolerance) break;
  }
  return rank;
}
