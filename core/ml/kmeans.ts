import { CrmMlError } from '../errors/crm-ml-error.js';
import { zeroMatrix, type Matrix } from './matrix.js';
import { SeededRandom } from './random.js';

/** A k-means solution: centroids (k × cols), each row's cluster, and the within-cluster SSE. */
export interface KMeansResult {
  centroids: Matrix;
  assignments: Int32Array;
  inertia: number;
}

export interface KMeansOptions {
  seed: number;
  /** Independent k-means++ starts; the lowest inertia wins. */
  restarts?: number;
  maxIterations?: number;
}

const DEFAULT_RESTARTS = 8;
const DEFAULT_MAX_ITERATIONS = 100;

/**
 * Lloyd's k-means with k-means++ seeding and several restarts, all drawn from `seed`, so the
 * same rows in the same order give the same clusters. Throws `ml_kmeans_invalid` when k is
 * not in [1, rows].
 */
export function kMeans(x: Matrix, k: number, options: KMeansOptions): KMeansResult {
  if (!Number.isInteger(k) || k < 1 || k > x.rows) {
    throw new CrmMlError('ml_kmeans_invalid', `k must be in [1, ${x.rows}], got ${k}`);
  }
  const rng = new SeededRandom(options.seed);
  let best: KMeansResult | null = null;

  for (let start = 0; start < (options.restarts ?? DEFAULT_RESTARTS); start++) {
    const centroids = seedPlusPlus(x, k, rng.fork());
    const result = lloyd(x, centroids, options.maxIterations ?? DEFAULT_MAX_ITERATIONS);
    if (best === null || result.inertia < best.inertia) best = result;
  }
  return best as KMeansResult;
}

/** Squared Euclidean distance between row r of `a` and row c of `b`. */
export function squaredDistance(a: Matrix, r: number, b: Matrix, c: number): number {
  let sum = 0;
  for (let j = 0; j < a.cols; j++) {
    const d = (a.data[r * a.cols + j] as number) - (b.data[c * b.cols + j] as number);
    sum += d * d;
  }
  return sum;
}

/** The index of the centroid nearest row r (the lowest index on a tie). */
export function nearestCentroid(x: Matrix, r: number, centroids: Matrix): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < centroids.rows; c++) {
    const d = squaredDistance(x, r, centroids, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

// k-means++: each next centre is drawn with probability proportional to D², the squared
// distance to the nearest centre so far, which spreads the starts over the data.
function seedPlusPlus(x: Matrix, k: number, rng: SeededRandom): Matrix {
  const centroids = zeroMatrix(k, x.cols);
  const first = rng.nextInt(x.rows);
  centroids.data.set(x.data.subarray(first * x.cols, (first + 1) * x.cols), 0);

  const nearest = new Float64Array(x.rows).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let r = 0; r < x.rows; r++) {
      nearest[r] = Math.min(nearest[r] as number, squaredDistance(x, r, centroids, c - 1));
      total += nearest[r] as number;
    }

    let chosen = rng.nextInt(x.rows);
    if (total > 0) {
      let target = rng.next() * total;
      for (let r = 0; r < x.rows; r++) {
        target -= nearest[r] as number;
        if (target < 0) {
          chosen = r;
          break;
        }
      }
    }
    centroids.data.set(x.data.subarray(chosen * x.cols, (chosen + 1) * x.cols), c * x.cols);
  }
  return centroids;
}

function lloyd(x: Matrix, centroids: Matrix, maxIterations: number): KMeansResult {
  const k = centroids.rows;
  const assignments = new Int32Array(x.rows).fill(-1);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    for (let r = 0; r < x.rows; r++) {
      const c = nearestCentroid(x, r, centroids);
      if (c !== assignments[r]) changed++;
      assignments[r] = c;
    }
    if (changed === 0) break;

    const sums = zeroMatrix(k, x.cols);
    const counts = new Float64Array(k);
    for (let r = 0; r < x.rows; r++) {
      const c = assignments[r] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < x.cols; j++) {
        sums.data[c * x.cols + j] =
          (sums.data[c * x.cols + j] as number) + (x.data[r * x.cols + j] as number);
      }
    }
    // An emptied cluster keeps its old centre rather than collapsing to NaN.
    for (let c = 0; c < k; c++) {
      const count = counts[c] as number;
      if (count === 0) continue;
      for (let j = 0; j < x.cols; j++) {
        centroids.data[c * x.cols + j] = (sums.data[c * x.cols + j] as number) / count;
      }
    }
  }

  let inertia = 0;
  for (let r = 0; r < x.rows; r++) {
    inertia += squaredDistance(x, r, centroids, assignments[r] as number);
  }
  return { centroids, assignments, inertia };
}
