import { rocAuc } from '../../core/ml/metrics.js';
import { SeededRandom } from '../../core/ml/random.js';
import { louvain } from './louvain.js';
import { WeightedGraph } from './weighted-graph.js';

/** How a link-prediction check hides edges and finds communities on what is left. */
export interface LinkPredictionOptions {
  seed: number;
  /** Share of edges hidden (at least one). */
  hiddenShare?: number;
  resolution?: number;
  restarts?: number;
}

/** ROC AUC of each score at telling hidden edges from node pairs that were never linked. */
export interface LinkPredictionFigures {
  hidden_edges: number;
  non_edges: number;
  /** Σ 1 / log(degree) over shared neighbours (Adamic & Adar, 2003). */
  auc_adamic_adar: number;
  /** 1 when both ends fall in one community found on the remaining edges, else 0. */
  auc_same_community: number;
  /** Baseline: degree × degree (preferential attachment). */
  auc_preferential_attachment: number;
}

/**
 * Hides a seeded share of the edges, scores them and as many never-linked pairs on the graph
 * that remains, and reports each score's AUC (0.5 is chance). Null when the graph has too
 * few edges or no never-linked pairs to compare with.
 */
export function linkPrediction(
  graph: WeightedGraph,
  options: LinkPredictionOptions,
): LinkPredictionFigures | null {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < graph.size; i++) {
    graph.forEachNeighbour(i, (j, weight) => {
      if (j > i) edges.push([i, j, weight]);
    });
  }
  if (edges.length < 10) return null;

  const random = new SeededRandom(options.seed);
  random.shuffle(edges);
  const hiddenCount = Math.max(1, Math.round(edges.length * (options.hiddenShare ?? 0.1)));
  const hidden = edges.slice(0, hiddenCount);
  const train = WeightedGraph.fromEdges(graph.size, edges.slice(hiddenCount));
  const negatives = nonEdges(graph, hiddenCount, random);
  if (negatives.length === 0) return null;

  const { communities } = louvain(train, {
    seed: options.seed,
    resolution: options.resolution ?? 1,
    restarts: options.restarts ?? 1,
  });
  const pairs = [...hidden.map(([a, b]) => [a, b] as const), ...negatives];
  const labels = pairs.map((_, k) => (k < hidden.length ? 1 : 0));
  const auc = (score: (a: number, b: number) => number) =>
    rocAuc(
      labels,
      pairs.map(([a, b]) => score(a, b)),
    );
  return {
    hidden_edges: hidden.length,
    non_edges: negatives.length,
    auc_adamic_adar: auc((a, b) => adamicAdar(train, a, b)),
    auc_same_community: auc((a, b) => (communities[a] === communities[b] ? 1 : 0)),
    auc_preferential_attachment: auc((a, b) => train.neighbourCount(a) * train.neighbourCount(b)),
  };
}

/** Up to `count` seeded pairs of distinct nodes with no edge in `graph`. */
function nonEdges(
  graph: WeightedGraph,
  count: number,
  random: SeededRandom,
): (readonly [number, number])[] {
  const found = new Set<number>();
  const pairs: (readonly [number, number])[] = [];
  // A dense graph has few free pairs: give up after a bounded number of draws.
  for (let tries = 0; pairs.length < count && tries < 50 * count; tries++) {
    const a = random.nextInt(graph.size);
    const b = random.nextInt(graph.size);
    if (a === b || graph.hasEdge(a, b)) continue;
    const key = Math.min(a, b) * graph.size + Math.max(a, b);
    if (found.has(key)) continue;
    found.add(key);
    pairs.push([a, b]);
  }
  return pairs;
}

/** Adamic–Adar: shared neighbours, each weighted down by how many others it links. */
export function adamicAdar(graph: WeightedGraph, a: number, b: number): number {
  let score = 0;
  let i = graph.offsets[a] as number;
  let j = graph.offsets[b] as number;
  const endA = graph.offsets[a + 1] as number;
  const endB = graph.offsets[b + 1] as number;
  // Rows are sorted: walk both at once.
  while (i < endA && j < endB) {
    const x = graph.neighbours[i] as number;
    const y = graph.neighbours[j] as number;
    if (x === y) {
      score += 1 / Math.log(graph.neighbourCount(x));
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return score;
}
