import { minCostAssignment } from '../../core/ml/hungarian.js';

/**
 * Ids for new centroids that keep the previous model's ids where segments correspond: the
 * pairing minimises the total squared distance (Hungarian algorithm). New centroids left
 * unmatched (k grew) get ids above every previous id. Both centroid sets must be in the
 * same scaled units.
 */
export function matchSegmentIds(
  centroids: readonly (readonly number[])[],
  previous: readonly (readonly number[])[],
  previousIds: readonly number[],
): number[] {
  const cost = centroids.map((c) => previous.map((p) => squaredDistance(c, p)));
  let partner: number[];
  if (centroids.length <= previous.length) {
    partner = minCostAssignment(cost);
  } else {
    const transposed = previous.map((_, j) => centroids.map((__, i) => cost[i]?.[j] ?? 0));
    const previousToNew = minCostAssignment(transposed);
    partner = centroids.map((_, i) => previousToNew.indexOf(i));
  }

  let nextId = Math.max(0, ...previousIds) + 1;
  return partner.map((j) => (j >= 0 ? (previousIds[j] as number) : nextId++));
}

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, v, j) => sum + (v - (b[j] ?? 0)) ** 2, 0);
}
