import { SeededRandom } from '../../core/ml/random.js';
import { denseBySize, splitDisconnected } from './louvain.js';
import type { WeightedGraph } from './weighted-graph.js';

const MAX_ROUNDS = 100;

/** Each connected component as one community: what the graph says without any optimisation. */
export function connectedComponents(graph: WeightedGraph): Int32Array {
  return denseBySize(splitDisconnected(graph, new Int32Array(graph.size))).communities;
}

/**
 * Label propagation (Raghavan, Albert & Kumara, 2007): every node starts with its own label
 * and, in a seeded random order, takes the label its neighbours carry most weight of (ties
 * broken at random), until no label changes.
 */
export function labelPropagation(graph: WeightedGraph, seed: number): Int32Array {
  const random = new SeededRandom(seed);
  const labels = Int32Array.from({ length: graph.size }, (_, i) => i);
  const order = Array.from({ length: graph.size }, (_, i) => i);
  const weightOf = new Map<number, number>();

  for (let round = 0, changed = true; changed && round < MAX_ROUNDS; round++) {
    changed = false;
    for (const i of random.shuffle(order)) {
      weightOf.clear();
      graph.forEachNeighbour(i, (j, weight) => {
        const label = labels[j] as number;
        weightOf.set(label, (weightOf.get(label) ?? 0) + weight);
      });
      if (weightOf.size === 0) continue;
      const heaviest = Math.max(...weightOf.values());
      const tied = [...weightOf].filter(([, w]) => w >= heaviest - 1e-12).map(([label]) => label);
      // Keeping the current label among the tied ones lets the process settle.
      if (tied.includes(labels[i] as number)) continue;
      labels[i] = tied[random.nextInt(tied.length)] as number;
      changed = true;
    }
  }
  return denseBySize(labels).communities;
}

/** A random partition with the same community sizes as `labels`: the chance level. */
export function shuffledPartition(labels: ArrayLike<number>, seed: number): Int32Array {
  return Int32Array.from(new SeededRandom(seed).shuffle(Array.from(labels)));
}
