import type { Metrics } from '../../plugins/plugin.js';

/**
 * PSI above which a score distribution has shifted enough to retrain: the usual rule of thumb
 * (below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 a major one).
 */
export const DEFAULT_DRIFT_PSI = 0.25;

/** The score distribution a model version saw when it was trained: decile edges and shares. */
export interface ScoreReference {
  /** Upper bounds of the first `shares.length - 1` bins, ascending; the last bin is open. */
  edges: number[];
  shares: number[];
}

const BINS = 10;
// An empty bin would make ln(a/e) infinite; this floor is the usual fix.
const FLOOR = 1e-4;
const EDGE = 'psi_reference_edge_';
const SHARE = 'psi_reference_share_';

/** Decile edges of `scores` and the share of them in each bin (ties can make shares uneven). */
export function scoreReference(scores: readonly number[]): ScoreReference | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let bin = 1; bin < BINS; bin += 1) {
    const edge = sorted[Math.min(sorted.length - 1, Math.floor((bin * sorted.length) / BINS))];
    if (edge !== undefined && edge !== edges.at(-1)) edges.push(edge);
  }
  const shares = binCounts(edges, scores).map((count) => count / scores.length);
  return { edges, shares };
}

/** How many of `scores` fall in each bin of `edges`. */
export function binCounts(edges: readonly number[], scores: Iterable<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const score of scores) {
    let bin = 0;
    while (bin < edges.length && score >= (edges[bin] ?? Infinity)) bin += 1;
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}

/** Population stability index of bin `counts` against the reference shares. */
export function populationStability(reference: ScoreReference, counts: readonly number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  let psi = 0;
  reference.shares.forEach((expectedShare, bin) => {
    const expected = Math.max(FLOOR, expectedShare);
    const actual = Math.max(FLOOR, (counts[bin] ?? 0) / total);
    psi += (actual - expected) * Math.log(actual / expected);
  });
  return psi;
}

/** The reference as metrics keys, so it is stored with the model version's metrics. */
export function referenceMetrics(reference: ScoreReference): Metrics {
  const metrics: Metrics = {};
  reference.edges.forEach((edge, bin) => (metrics[`${EDGE}${bin}`] = edge));
  reference.shares.forEach((share, bin) => (metrics[`${SHARE}${bin}`] = share));
  return metrics;
}

/** The reference stored in a model version's metrics, or null for versions without one. */
export function referenceFromMetrics(metrics: Metrics): ScoreReference | null {
  const shares: number[] = [];
  for (let bin = 0; metrics[`${SHARE}${bin}`] !== undefined; bin += 1) {
    shares.push(metrics[`${SHARE}${bin}`] ?? 0);
  }
  if (shares.length === 0) return null;
  const edges = shares.slice(1).map((_, bin) => metrics[`${EDGE}${bin}`] ?? Infinity);
  return { edges, shares };
}

/** Metrics without the stored reference: what summaries and reports show. */
export function withoutReference(metrics: Metrics): Metrics {
  return Object.fromEntries(
    Object.entries(metrics).filter(([name]) => !name.startsWith('psi_reference_')),
  );
}
