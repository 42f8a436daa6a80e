import { kMeans, type KMeansResult } from '../../core/ml/kmeans.js';
import type { Matrix } from '../../core/ml/matrix.js';
import { SeededRandom } from '../../core/ml/random.js';
import { sampleForSilhouette, silhouetteScore } from '../../core/ml/silhouette.js';

/** The clustering for the chosen k, and the silhouette of every k tried. */
export interface KChoice {
  k: number;
  result: KMeansResult;
  silhouettes: Record<string, number>;
}

// The silhouette is quadratic in rows; 2,000 sampled customers pin it to about ±0.01.
const SILHOUETTE_SAMPLE = 2000;

/**
 * Clusters with every k in [kMin, kMax] and keeps the k with the highest mean silhouette on
 * a seeded sample: the k whose customers sit clearly closer to their own segment than to the
 * next one. A k larger than the number of distinct customers is not tried.
 */
export function chooseK(x: Matrix, kMin: number, kMax: number, seed: number): KChoice {
  const indices = new SeededRandom(seed).shuffle(Array.from({ length: x.rows }, (_, i) => i));
  const sample = indices.slice(0, SILHOUETTE_SAMPLE).sort((a, b) => a - b);

  let best: KChoice | null = null;
  const silhouettes: Record<string, number> = {};
  for (let k = kMin; k <= Math.min(kMax, x.rows); k++) {
    const result = kMeans(x, k, { seed });
    const sampled = sampleForSilhouette(x, result.assignments, sample);
    const score = silhouetteScore(sampled.x, sampled.assignments, k);
    silhouettes[String(k)] = score;
    if (best === null || score > (silhouettes[String(best.k)] as number)) {
      best = { k, result, silhouettes };
    }
  }
  if (best === null) return { k: 1, result: kMeans(x, 1, { seed }), silhouettes };
  return best;
}
