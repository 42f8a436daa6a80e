import type { WeightedGraph } from './weighted-graph.js';

/** What a contact does in the network, as a sales rep would say it. */
export const NETWORK_ROLES = ['bridge', 'hub', 'member', 'peripheral'] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];

/** Where each node stands relative to the communities. */
export interface CommunityTies {
  /** 1 − Σ_c (weight to c / weight)²: 0 when all ties are in one community (Guimerà & Amaral). */
  participation: Float64Array;
  /** Share of the node's tie weight that goes to other communities than its own. */
  outsideShare: Float64Array;
  /** Z-score of the node's tie weight inside its community among that community's members. */
  withinZ: Float64Array;
  /** How many distinct communities the node's neighbours belong to. */
  neighbourCommunities: Int32Array;
}

/** Thresholds of the roles. */
export interface RoleThresholds {
  /** A bridge spreads its ties at least this much over communities (participation). */
  bridgeParticipation: number;
  /** …and lies on more shortest paths than this share of nodes (betweenness percentile / 100). */
  bridgeBetweenness: number;
  /** A hub's within-community z-score (2.5 in Guimerà & Amaral, 2005). */
  hubZ: number;
}

/** Participation, outside share, within-community z and communities touched, per node. */
export function communityTies(graph: WeightedGraph, communities: Int32Array): CommunityTies {
  const n = graph.size;
  const participation = new Float64Array(n);
  const outsideShare = new Float64Array(n);
  const inside = new Float64Array(n);
  const neighbourCommunities = new Int32Array(n);
  const byCommunity = new Map<number, number>();

  for (let i = 0; i < n; i++) {
    byCommunity.clear();
    let strength = 0;
    graph.forEachNeighbour(i, (j, weight) => {
      const c = communities[j] as number;
      byCommunity.set(c, (byCommunity.get(c) ?? 0) + weight);
      strength += weight;
    });
    neighbourCommunities[i] = byCommunity.size;
    if (strength === 0) continue;
    let concentration = 0;
    for (const weight of byCommunity.values()) concentration += (weight / strength) ** 2;
    participation[i] = 1 - concentration;
    inside[i] = byCommunity.get(communities[i] as number) ?? 0;
    outsideShare[i] = 1 - (inside[i] as number) / strength;
  }
  return {
    participation,
    outsideShare,
    withinZ: zWithin(inside, communities),
    neighbourCommunities,
  };
}

/** Each node's role from its ties and its betweenness percentile (0–100). */
export function networkRoles(
  graph: WeightedGraph,
  ties: CommunityTies,
  betweennessPercentile: ArrayLike<number>,
  thresholds: RoleThresholds,
): NetworkRole[] {
  return Array.from({ length: graph.size }, (_, i): NetworkRole => {
    const brokers = (betweennessPercentile[i] as number) >= 100 * thresholds.bridgeBetweenness;
    if ((ties.participation[i] as number) >= thresholds.bridgeParticipation && brokers) {
      return 'bridge';
    }
    if ((ties.withinZ[i] as number) >= thresholds.hubZ) return 'hub';
    return graph.neighbourCount(i) <= 1 ? 'peripheral' : 'member';
  });
}

function zWithin(values: Float64Array, communities: Int32Array): Float64Array {
  const sums = new Map<number, { n: number; sum: number; squares: number }>();
  values.forEach((v, i) => {
    const c = communities[i] as number;
    const s = sums.get(c) ?? { n: 0, sum: 0, squares: 0 };
    s.n += 1;
    s.sum += v;
    s.squares += v * v;
    sums.set(c, s);
  });
  return values.map((v, i) => {
    const s = sums.get(communities[i] as number) as { n: number; sum: number; squares: number };
    const mean = s.sum / s.n;
    const sd = Math.sqrt(Math.max(0, s.squares / s.n - mean * mean));
    return sd < 1e-12 ? 0 : (v - mean) / sd;
  });
}
