import { SeededRandom } from '../../core/ml/random.js';
import type { WeightedGraph } from './weighted-graph.js';

/**
 * Betweenness centrality by hops (Brandes, 2001): for each node, the number of shortest paths
 * between other nodes that pass through it. Exact when the graph has at most `sources` nodes;
 * otherwise estimated from that many seeded source nodes and scaled up (Brandes & Pich,
 * 2007), which keeps large graphs linear in the number of edges per source.
 */
export function betweenness(graph: WeightedGraph, sources: number, seed: number): Float64Array {
  const n = graph.size;
  const centrality = new Float64Array(n);
  const all = Array.from({ length: n }, (_, i) => i);
  const chosen = n <= sources ? all : new SeededRandom(seed).shuffle(all).slice(0, sources);

  const distance = new Int32Array(n);
  const paths = new Float64Array(n);
  const dependency = new Float64Array(n);
  const order = new Int32Array(n);
  for (const source of chosen) {
    distance.fill(-1);
    paths.fill(0);
    dependency.fill(0);
    distance[source] = 0;
    paths[source] = 1;
    let head = 0;
    let tail = 0;
    order[tail++] = source;
    const { offsets, neighbours } = graph;
    // Plain loops over the rows: this is the plugin's hottest code.
    while (head < tail) {
      const v = order[head++] as number;
      const next = (distance[v] as number) + 1;
      for (let e = offsets[v] as number; e < (offsets[v + 1] as number); e++) {
        const w = neighbours[e] as number;
        if (distance[w] === -1) {
          distance[w] = next;
          order[tail++] = w;
        }
        if (distance[w] === next) paths[w] = (paths[w] as number) + (paths[v] as number);
      }
    }
    // Back from the farthest nodes, each passes its share of dependency to its predecessors.
    for (let k = tail - 1; k > 0; k--) {
      const w = order[k] as number;
      const previous = (distance[w] as number) - 1;
      const carried = (1 + (dependency[w] as number)) / (paths[w] as number);
      for (let e = offsets[w] as number; e < (offsets[w + 1] as number); e++) {
        const v = neighbours[e] as number;
        if (distance[v] === previous) {
          dependency[v] = (dependency[v] as number) + (paths[v] as number) * carried;
        }
      }
      centrality[w] = (centrality[w] as number) + (dependency[w] as number);
    }
  }

  // Undirected: each path was counted from both of its ends when every node is a source.
  const scale = n / Math.max(chosen.length, 1) / 2;
  for (let i = 0; i < n; i++) centrality[i] = (centrality[i] ?? 0) * scale;
  return centrality;
}
