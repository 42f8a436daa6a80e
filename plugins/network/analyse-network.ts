import { betweenness } from './betweenness.js';
import { louvain, type Partition } from './louvain.js';
import {
  communityTies,
  networkRoles,
  type CommunityTies,
  type NetworkRole,
  type RoleThresholds,
} from './network-roles.js';
import { pageRank } from './pagerank.js';
import { percentileRanks } from './percentiles.js';
import type { WeightedGraph } from './weighted-graph.js';

/** Settings of one analysis; the plugin's options supply them. */
export interface AnalysisOptions extends RoleThresholds {
  seed: number;
  resolution: number;
  restarts: number;
  damping: number;
  /** Source nodes of the betweenness estimate (exact at or below this many nodes). */
  betweennessSources: number;
}

/** Everything the network plugin writes and explains, per node of the graph. */
export interface NetworkAnalysis {
  partition: Partition;
  pagerank: Float64Array;
  /** PageRank as a percentile 0–100 among the graph's nodes. */
  influence: Float64Array;
  betweennessPercentile: Float64Array;
  ties: CommunityTies;
  roles: NetworkRole[];
}

/** Communities, influence, betweenness and roles of every node. */
export function analyseNetwork(graph: WeightedGraph, options: AnalysisOptions): NetworkAnalysis {
  const partition = louvain(graph, {
    seed: options.seed,
    resolution: options.resolution,
    restarts: options.restarts,
  });
  const pagerank = pageRank(graph, { damping: options.damping });
  const betweennessPercentile = percentileRanks(
    betweenness(graph, options.betweennessSources, options.seed),
  );
  const ties = communityTies(graph, partition.communities);
  const roles = networkRoles(graph, ties, betweennessPercentile, options);
  return {
    partition,
    pagerank,
    influence: percentileRanks(pagerank),
    betweennessPercentile,
    ties,
    roles,
  };
}
