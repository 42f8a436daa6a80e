import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { normalizedMutualInformation } from '../../../core/ml/normalized-mutual-information.js';
import {
  betweenness,
  connectedComponents,
  labelPropagation,
  linkPrediction,
  louvain,
  modularity,
  pageRank,
  parseEdgeList,
  parseNodeLabels,
  shuffledPartition,
  WeightedGraph,
} from '../../../plugins/network/index.js';
import { percentileRanks } from '../../../plugins/network/percentiles.js';
import { twoCliqueEdges } from './network-fixture.js';

/** The fixture as a graph: node i is `ids[i]`. */
function cliqueGraph(): { graph: WeightedGraph; ids: string[] } {
  const ids = [...new Set(twoCliqueEdges.flatMap(([a, b]) => [a, b]))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const edges = twoCliqueEdges.map(
    ([a, b, w]) => [index.get(a) as number, index.get(b) as number, w] as const,
  );
  return { graph: WeightedGraph.fromEdges(ids.length, edges), ids };
}

/** `count` cliques of `size` in a ring, each joined to the next by one edge. */
function ringOfCliques(count: number, size: number): WeightedGraph {
  const edges: [number, number, number][] = [];
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++) edges.push([c * size + i, c * size + j, 1]);
    }
    edges.push([c * size, ((c + 1) % count) * size + 1, 1]);
  }
  return WeightedGraph.fromEdges(count * size, edges);
}

/** Solves (I − d·Pᵀ) x = (1 − d)/n by Gaussian elimination: PageRank without iterating. */
function pageRankBySolving(weights: number[][], damping: number): number[] {
  const n = weights.length;
  const degree = weights.map((row) => row.reduce((a, b) => a + b, 0));
  const a = weights.map((_, i) =>
    weights.map(
      (__, j) => (i === j ? 1 : 0) - (damping * (weights[j]?.[i] ?? 0)) / (degree[j] ?? 1),
    ),
  );
  const b = weights.map(() => (1 - damping) / n);
  for (let col = 0; col < n; col++) {
    for (let row = col + 1; row < n; row++) {
      const f = (a[row]?.[col] ?? 0) / (a[col]?.[col] ?? 1);
      for (let k = col; k < n; k++)
        (a[row] as number[])[k] = (a[row]?.[k] ?? 0) - f * (a[col]?.[k] ?? 0);
      b[row] = (b[row] ?? 0) - f * (b[col] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = b[row] ?? 0;
    for (let k = row + 1; k < n; k++) sum -= (a[row]?.[k] ?? 0) * (x[k] ?? 0);
    x[row] = sum / (a[row]?.[row] ?? 1);
  }
  return x;
}

describe('PageRank', () => {
  it('matches the closed form on a path a–b–c', () => {
    const rank = pageRank(
      WeightedGraph.fromEdges(3, [
        [0, 1, 1],
        [1, 2, 1],
      ]),
    );
    // x_a = 0.05 + 0.425 x_b and x_b = 0.05 + 1.7 x_a give x_a = 0.07125 / 0.2775.
    const end = 0.07125 / 0.2775;
    assert.ok(Math.abs((rank[0] as number) - end) < 1e-9, String(rank[0]));
    assert.ok(Math.abs((rank[1] as number) - (0.05 + 1.7 * end)) < 1e-9, String(rank[1]));
    assert.ok(Math.abs((rank[2] as number) - end) < 1e-9);
  });

  it('matches a direct linear solve on a small weighted graph', () => {
    const weights = [
      [0, 3, 1, 0, 0],
      [3, 0, 2, 0, 0],
      [1, 2, 0, 0.5, 0],
      [0, 0, 0.5, 0, 4],
      [0, 0, 0, 4, 0],
    ];
    const edges: [number, number, number][] = [];
    weights.forEach((row, i) =>
      row.forEach((w, j) => (j > i && w > 0 ? edges.push([i, j, w]) : 0)),
    );
    const rank = pageRank(WeightedGraph.fromEdges(5, edges), { damping: 0.8 });
    const reference = pageRankBySolving(weights, 0.8);
    reference.forEach((value, i) =>
      assert.ok(Math.abs((rank[i] as number) - value) < 1e-9, `${i}`),
    );
    assert.ok(Math.abs(rank.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  });

  it('spreads the rank of a node without ties evenly', () => {
    const rank = pageRank(WeightedGraph.fromEdges(3, [[0, 1, 1]]));
    assert.ok(Math.abs(rank.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok((rank[2] as number) > 0 && (rank[2] as number) < (rank[0] as number));
  });
});

describe('communities', () => {
  it('modularity agrees with the textbook sum over node pairs', () => {
    const { graph } = cliqueGraph();
    const labels = Int32Array.from({ length: graph.size }, (_, i) => (i < 5 ? 0 : i < 10 ? 1 : 0));
    const m = graph.totalWeight;
    let q = 0;
    for (let i = 0; i < graph.size; i++) {
      for (let j = 0; j < graph.size; j++) {
        if (labels[i] !== labels[j]) continue;
        const a = i !== j && graph.hasEdge(i, j) ? 1 : 0;
        q += a - ((graph.degrees[i] as number) * (graph.degrees[j] as number)) / (2 * m);
      }
    }
    assert.ok(Math.abs(modularity(graph, labels) - q / (2 * m)) < 1e-12);
  });

  it('Louvain finds the two cliques, with x in one of them', () => {
    const { graph, ids } = cliqueGraph();
    const { communities, count, modularity: q } = louvain(graph, { seed: 42, restarts: 3 });
    assert.equal(count, 2);
    const of = (id: string) => communities[ids.indexOf(id)];
    for (const id of ['a2', 'a3', 'a4', 'a5']) assert.equal(of(id), of('a1'));
    for (const id of ['b2', 'b3', 'b4', 'b5']) assert.equal(of(id), of('b1'));
    assert.notEqual(of('a1'), of('b1'));
    assert.ok(q > 0.3, `modularity ${q}`);
    assert.deepEqual(louvain(graph, { seed: 42, restarts: 3 }).communities, communities);
  });

  it('Louvain finds every clique of a ring of cliques', () => {
    const graph = ringOfCliques(8, 5);
    const { communities, count } = louvain(graph, { seed: 7 });
    assert.equal(count, 8);
    for (let c = 0; c < 8; c++) {
      const labels = new Set(Array.from({ length: 5 }, (_, i) => communities[c * 5 + i]));
      assert.equal(labels.size, 1, `clique ${c}`);
    }
  });

  it('baselines: components, label propagation and a same-sizes shuffle', () => {
    const { graph } = cliqueGraph();
    assert.deepEqual([...new Set(connectedComponents(graph))], [0]);
    const split = WeightedGraph.fromEdges(4, [
      [0, 1, 1],
      [2, 3, 1],
    ]);
    assert.deepEqual([...connectedComponents(split)], [0, 0, 1, 1]);
    assert.equal(new Set(labelPropagation(ringOfCliques(6, 5), 3)).size >= 2, true);
    const labels = [0, 0, 0, 1, 1, 2];
    const shuffled = [...shuffledPartition(labels, 1)];
    assert.deepEqual([...shuffled].sort(), labels);
  });

  it('betweenness counts the shortest paths through a node', () => {
    const path = betweenness(
      WeightedGraph.fromEdges(3, [
        [0, 1, 1],
        [1, 2, 1],
      ]),
      10,
      1,
    );
    assert.deepEqual([...path], [0, 1, 0]);
    const star = WeightedGraph.fromEdges(
      5,
      [1, 2, 3, 4].map((leaf) => [0, leaf, 1] as const),
    );
    assert.equal(betweenness(star, 10, 1)[0], 6);
    const { graph, ids } = cliqueGraph();
    const exact = betweenness(graph, 100, 1);
    const top = exact.indexOf(Math.max(...exact));
    assert.equal(ids[top], 'x');
  });

  it('link prediction finds hidden ties of a ring of cliques', () => {
    const figures = linkPrediction(ringOfCliques(10, 6), { seed: 3, hiddenShare: 0.1 });
    assert.ok(figures !== null);
    assert.ok(figures.auc_adamic_adar > 0.8, JSON.stringify(figures));
    assert.ok(figures.auc_same_community > 0.8, JSON.stringify(figures));
    assert.equal(linkPrediction(WeightedGraph.fromEdges(3, [[0, 1, 1]]), { seed: 3 }), null);
  });
});

describe('figures', () => {
  it('NMI is 1 for relabelled partitions and matches a hand computation', () => {
    assert.equal(normalizedMutualInformation([0, 0, 1, 1], [5, 5, 2, 2]), 1);
    // MI = ½ ln(4/3) + ¼ ln(2/3) + ¼ ln 2 over the mean of ln 2 and H(¾, ¼).
    const information = 0.5 * Math.log(4 / 3) + 0.25 * Math.log(2 / 3) + 0.25 * Math.log(2);
    const mean = (Math.log(2) - (0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))) / 2;
    const nmi = normalizedMutualInformation([0, 0, 1, 1], [0, 0, 0, 1]);
    assert.ok(Math.abs(nmi - information / mean) < 1e-12, String(nmi));
    assert.equal(normalizedMutualInformation([0, 0, 0], [0, 1, 2]), 0);
  });

  it('percentile ranks run 0–100 and share ties', () => {
    assert.deepEqual([...percentileRanks([3, 1, 2])], [100, 0, 50]);
    assert.deepEqual([...percentileRanks([1, 1, 2])], [25, 25, 100]);
    assert.deepEqual([...percentileRanks([7])], [100]);
  });
});

describe('edge-list files', () => {
  it('skips self loops and unreadable lines by line number', () => {
    const list = parseEdgeList('# u v\n1 2\n2 2\n2 3 x\n3,1,2.5\n\n', 'edges.txt');
    assert.deepEqual(list.edges, [
      ['1', '2', 1],
      ['3', '1', 2.5],
    ]);
    assert.equal(list.selfLoops, 1);
    assert.deepEqual(list.problems, [
      { path: 'edges.txt:4', message: "not 'u v' or 'u v weight': '2 3 x'" },
    ]);
  });

  it('refuses a file without an edge between two nodes, and labels without a line', () => {
    assert.throws(
      () => parseEdgeList('# nothing\n5 5\n', 'empty.txt'),
      (error: CrmMlError) => error.code === 'network_no_edges' && /empty\.txt/.test(error.message),
    );
    assert.throws(
      () => parseNodeLabels('\n', 'labels.txt'),
      (error: CrmMlError) => error.code === 'network_no_labels',
    );
    const { labels, problems } = parseNodeLabels('1 a\n1 b\n2\n', 'labels.txt');
    assert.deepEqual([...labels], [['1', 'a']]);
    assert.deepEqual(
      problems.map((p) => p.path),
      ['labels.txt:2', 'labels.txt:3'],
    );
  });
});
