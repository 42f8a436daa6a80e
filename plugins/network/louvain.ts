import { SeededRandom } from '../../core/ml/random.js';
import { modularity } from './modularity.js';
import { WeightedGraph } from './weighted-graph.js';

/** Settings of a Louvain run. */
export interface LouvainOptions {
  seed: number;
  /** Above 1 favours more, smaller communities; below 1 fewer, larger ones. */
  resolution?: number;
  /** Independent runs with different node orders; the one of highest modularity is kept. */
  restarts?: number;
}

/** A partition of a graph's nodes and how good it is. */
export interface Partition {
  /** Community of each node: 0 … count-1, the largest community first. */
  communities: Int32Array;
  count: number;
  modularity: number;
}

// A move must gain at least this much: float noise must not make nodes swap back and forth.
const MIN_GAIN = 1e-12;
const MAX_PASSES = 100;

/**
 * Communities by Louvain modularity optimisation (Blondel, Guillaume, Lambiotte & Lefebvre,
 * 2008): nodes move to the neighbouring community that raises modularity most until none
 * does, communities are merged into single nodes, and the two steps repeat on the smaller
 * graph until nothing moves. Communities that end up in pieces are split into their
 * connected parts, which can only raise modularity. Seeded node orders make it repeatable.
 */
export function louvain(graph: WeightedGraph, options: LouvainOptions): Partition {
  const resolution = options.resolution ?? 1;
  const random = new SeededRandom(options.seed);
  let best: Partition | undefined;

  for (let run = 0; run < Math.max(1, options.restarts ?? 1); run++) {
    const communities = splitDisconnected(graph, louvainOnce(graph, resolution, random.fork()));
    const candidate = denseBySize(communities);
    const q = modularity(graph, candidate.communities, resolution);
    if (best === undefined || q > best.modularity + MIN_GAIN)
      best = { ...candidate, modularity: q };
  }
  return best as Partition;
}

function louvainOnce(graph: WeightedGraph, resolution: number, random: SeededRandom): Int32Array {
  let membership = Int32Array.from({ length: graph.size }, (_, i) => i);
  let current = graph;
  for (;;) {
    const local = moveNodes(current, resolution, random);
    const count = local.reduce((max, c) => Math.max(max, c + 1), 0);
    if (count === current.size) return membership;
    membership = membership.map((c) => local[c] as number);
    current = aggregate(current, local, count);
  }
}

/** Local moving: each node joins the neighbouring community of best gain, until stable. */
function moveNodes(graph: WeightedGraph, resolution: number, random: SeededRandom): Int32Array {
  const n = graph.size;
  const community = Int32Array.from({ length: n }, (_, i) => i);
  const m2 = 2 * graph.totalWeight;
  if (m2 === 0) return community;

  const total = Float64Array.from(graph.degrees);
  const weightTo = new Float64Array(n);
  const seen = new Uint8Array(n);
  const order = random.shuffle(Array.from({ length: n }, (_, i) => i));

  for (let pass = 0, moved = true; moved && pass < MAX_PASSES; pass++) {
    moved = false;
    for (const i of order) {
      const own = community[i] as number;
      const degree = graph.degrees[i] as number;
      const touched: number[] = [own];
      seen[own] = 1;
      graph.forEachNeighbour(i, (j, weight) => {
        const c = community[j] as number;
        if (seen[c] === 0) {
          seen[c] = 1;
          touched.push(c);
        }
        weightTo[c] = (weightTo[c] ?? 0) + weight;
      });

      total[own] = (total[own] ?? 0) - degree;
      // The gain of joining c, times m: the links to c less what chance would give.
      const gain = (c: number) => (weightTo[c] ?? 0) - (resolution * (total[c] ?? 0) * degree) / m2;
      let chosen = own;
      let chosenGain = gain(own);
      for (const c of touched) {
        const g = gain(c);
        if (g > chosenGain + MIN_GAIN) {
          chosen = c;
          chosenGain = g;
        }
      }
      total[chosen] = (total[chosen] ?? 0) + degree;
      community[i] = chosen;
      if (chosen !== own) moved = true;

      for (const c of touched) {
        weightTo[c] = 0;
        seen[c] = 0;
      }
    }
  }
  return denseInNodeOrder(community);
}

/** The graph of communities: one node each, inner edges become its self weight. */
function aggregate(graph: WeightedGraph, local: Int32Array, count: number): WeightedGraph {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < graph.size; i++) {
    const ci = local[i] as number;
    const loop = graph.loops[i] ?? 0;
    if (loop > 0) edges.push([ci, ci, loop]);
    graph.forEachNeighbour(i, (j, weight) => {
      if (j > i) edges.push([ci, local[j] as number, weight]);
    });
  }
  return WeightedGraph.fromEdges(count, edges);
}

/** Gives each connected piece of a community its own label. */
export function splitDisconnected(graph: WeightedGraph, communities: Int32Array): Int32Array {
  const result = new Int32Array(graph.size).fill(-1);
  let next = 0;
  for (let start = 0; start < graph.size; start++) {
    if ((result[start] as number) >= 0) continue;
    const label = next++;
    const c = communities[start];
    result[start] = label;
    const stack = [start];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      graph.forEachNeighbour(i, (j) => {
        if (result[j] === -1 && communities[j] === c) {
          result[j] = label;
          stack.push(j);
        }
      });
    }
  }
  return result;
}

function denseInNodeOrder(labels: Int32Array): Int32Array {
  const ids = new Map<number, number>();
  return labels.map((label) => {
    let id = ids.get(label);
    if (id === undefined) ids.set(label, (id = ids.size));
    return id;
  });
}

/** Relabels 0 … k-1 by size, largest first; equal sizes by their lowest node. */
export function denseBySize(labels: ArrayLike<number>): { communities: Int32Array; count: number } {
  const dense = denseInNodeOrder(Int32Array.from(labels));
  const count = dense.reduce((max, c) => Math.max(max, c + 1), 0);
  const sizes = new Array<number>(count).fill(0);
  for (const c of dense) sizes[c] = (sizes[c] ?? 0) + 1;
  const order = sizes.map((_, c) => c).sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  const rank = new Int32Array(count);
  order.forEach((c, r) => (rank[c] = r));
  return { communities: dense.map((c) => rank[c] as number), count };
}
