import type { ErrorDetail } from '../../core/errors/crm-ml-error.js';
import { adjustedRandIndex } from '../../core/ml/adjusted-rand-index.js';
import { normalizedMutualInformation } from '../../core/ml/normalized-mutual-information.js';
import { connectedComponents, labelPropagation, shuffledPartition } from './baseline-partitions.js';
import type { EdgeList } from './edge-list.js';
import { linkPrediction, type LinkPredictionFigures } from './link-prediction.js';
import { louvain } from './louvain.js';
import { modularity } from './modularity.js';
import { pageRank } from './pagerank.js';
import { WeightedGraph } from './weighted-graph.js';

/** Settings of an evaluation run. */
export interface EvaluateNetworkOptions {
  seed: number;
  resolution?: number;
  restarts?: number;
  /** Share of edges hidden for the link-prediction check. */
  hiddenShare?: number;
}

/** How one partition compares with the ground truth. */
export interface PartitionFigures {
  name: string;
  communities: number;
  modularity: number;
  /** Against the labels, over the labelled nodes; absent without labels. */
  nmi?: number;
  ari?: number;
}

/** The figures of `crm-ml eval network`. */
export interface NetworkEvaluation {
  nodes: number;
  edges: number;
  self_loops_skipped: number;
  /** Nodes known only from the labels file: no edge, each its own community. */
  isolated_nodes: number;
  labelled_nodes: number;
  label_groups: number;
  louvain: PartitionFigures;
  baselines: PartitionFigures[];
  link_prediction: LinkPredictionFigures | null;
  /** The five nodes of highest PageRank. */
  top_influence: { node: string; pagerank: number; community: number }[];
  problems: ErrorDetail[];
}

/**
 * Detects communities in an edge list with Louvain and compares them with ground-truth groups
 * (NMI, adjusted Rand) beside connected components, label propagation and a random partition
 * of the same sizes, all from the same run; then hides a share of the edges and reports how
 * well Adamic–Adar and community co-membership find them again. Directed pairs count as one
 * undirected tie, weighted by how often they occur.
 */
export function evaluateNetwork(
  list: EdgeList,
  labels: ReadonlyMap<string, string> | undefined,
  options: EvaluateNetworkOptions,
): NetworkEvaluation {
  const ids = [...new Set([...list.edges.flatMap(([a, b]) => [a, b])])];
  const linked = ids.length;
  const seen = new Set(ids);
  for (const node of labels?.keys() ?? []) if (!seen.has(node)) ids.push(node);
  ids.sort(compareIds);
  const index = new Map(ids.map((id, i) => [id, i]));
  const graph = WeightedGraph.fromEdges(
    ids.length,
    list.edges.map(([a, b, w]) => [index.get(a) as number, index.get(b) as number, w] as const),
  );

  const resolution = options.resolution ?? 1;
  const found = louvain(graph, { seed: options.seed, resolution, restarts: options.restarts ?? 3 });
  const labelled = ids
    .map((id, i) => [i, labels?.get(id)] as const)
    .filter(([, l]) => l !== undefined);
  const groups = new Map([...new Set(labelled.map(([, l]) => l as string))].map((l, g) => [l, g]));
  const truth = labelled.map(([, l]) => groups.get(l as string) as number);
  const figures = (name: string, partition: ArrayLike<number>): PartitionFigures => {
    const onLabelled = labelled.map(([i]) => partition[i] as number);
    return {
      name,
      communities: new Set(Array.from(partition)).size,
      modularity: modularity(graph, partition, resolution),
      ...(labels === undefined
        ? {}
        : {
            nmi: normalizedMutualInformation(onLabelled, truth),
            ari: adjustedRandIndex(onLabelled, truth),
          }),
    };
  };

  const pagerank = pageRank(graph);
  const top = [...pagerank.keys()].sort(
    (a, b) => (pagerank[b] as number) - (pagerank[a] as number) || a - b,
  );
  return {
    nodes: ids.length,
    edges: graph.edgeCount,
    self_loops_skipped: list.selfLoops,
    isolated_nodes: ids.length - linked,
    labelled_nodes: labelled.length,
    label_groups: groups.size,
    louvain: figures('louvain', found.communities),
    baselines: [
      figures('label_propagation', labelPropagation(graph, options.seed)),
      figures('connected_components', connectedComponents(graph)),
      figures('random_same_sizes', shuffledPartition(found.communities, options.seed)),
    ],
    link_prediction: linkPrediction(graph, {
      seed: options.seed,
      hiddenShare: options.hiddenShare ?? 0.1,
      resolution,
      restarts: 1,
    }),
    top_influence: top.slice(0, 5).map((i) => ({
      node: ids[i] as string,
      pagerank: pagerank[i] as number,
      community: found.communities[i] as number,
    })),
    problems: list.problems,
  };
}

// Numeric ids in numeric order (SNAP's), others after them in text order.
function compareIds(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y || (a < b ? -1 : a > b ? 1 : 0);
  if (Number.isFinite(x)) return -1;
  if (Number.isFinite(y)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
