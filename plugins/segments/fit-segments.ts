import { zeroMatrix } from '../../core/ml/matrix.js';
import { chooseK } from './choose-k.js';
import { degenerateSegments } from './degenerate-segments.js';
import { FeatureScaler, type ScaledFeature } from './feature-scaler.js';
import { matchSegmentIds } from './match-segments.js';
import { describeFigure } from './segment-figures.js';
import { segmentNames } from './segment-names.js';

/** A segmentation as plain JSON: how to scale features and the segments' centres. */
export interface SegmentsState {
  features: string[];
  scaler: ScaledFeature[];
  /** Centroids in scaled units (≈ z-scores), one per segment. */
  centroids: number[][];
  ids: number[];
  names: string[];
  sizes: number[];
  silhouettes: Record<string, number>;
  /** Why the clustering looks degenerate (`degenerateSegments`); absent in older models. */
  warnings?: string[];
}

export interface FitSegmentsOptions {
  seed: number;
  /** A fixed k; otherwise chosen in [kMin, kMax] by silhouette. */
  k?: number;
  kMin: number;
  kMax: number;
  /** The model this one replaces: its ids carry over to the nearest new segments. */
  previous?: SegmentsState;
}

/**
 * Clusters customers (id → feature values) into segments. Customers are sorted by id first,
 * so the input order never changes the result.
 */
export function fitSegments(
  rows: ReadonlyMap<string, readonly (number | null)[]>,
  features: readonly string[],
  options: FitSegmentsOptions,
): SegmentsState {
  const customers = [...rows.keys()].sort();
  const raw = customers.map((c) => rows.get(c) as readonly (number | null)[]);
  const scaler = FeatureScaler.fit(features, raw);
  const x = zeroMatrix(raw.length, features.length);
  raw.forEach((row, r) => x.data.set(scaler.transform(row), r * features.length));

  // A retrain keeps the previous segment count unless k is fixed: ids then carry over 1:1.
  const sameFeatures = options.previous?.features.join() === features.join();
  const fixedK = options.k ?? (sameFeatures ? options.previous?.centroids.length : undefined);
  const kMin = fixedK ?? options.kMin;
  const kMax = fixedK ?? options.kMax;
  const { result, silhouettes } = chooseK(x, kMin, kMax, options.seed);

  const k = result.centroids.rows;
  const centroids = Array.from({ length: k }, (_, c) =>
    Array.from(result.centroids.data.subarray(c * x.cols, (c + 1) * x.cols)),
  );
  const sizes = new Array<number>(k).fill(0);
  result.assignments.forEach((c) => (sizes[c] = (sizes[c] as number) + 1));

  const ids =
    options.previous && sameFeatures
      ? matchSegmentIds(
          centroids,
          previousInNewUnits(options.previous, scaler),
          options.previous.ids,
        )
      : idsByValue(features, centroids);
  // Names that would collide say the figure that tells the segments apart, in its own units.
  const inUnits = centroids.map((centroid) => scaler.inverse(centroid));
  const figure = (c: number, j: number): string =>
    describeFigure(features[j] as string, inUnits[c]?.[j] ?? null);
  const silhouette = silhouettes[String(k)] ?? Number.NaN;
  const { assignments } = result;
  return {
    features: [...features],
    scaler: scaler.features.map((f) => ({ ...f })),
    centroids,
    ids,
    names: segmentNames(features, centroids, figure),
    sizes,
    silhouettes,
    warnings: degenerateSegments({ features, x, assignments, centroids, silhouette }),
  };
}

function previousInNewUnits(previous: SegmentsState, scaler: FeatureScaler): number[][] {
  const old = new FeatureScaler(previous.scaler);
  return previous.centroids.map((c) => scaler.transform(old.inverse(c)));
}

// First-time ids run from the most valuable segment (more orders and spend, more recent) down.
function idsByValue(features: readonly string[], centroids: readonly number[][]): number[] {
  const at = (c: readonly number[], name: string): number => c[features.indexOf(name)] ?? 0;
  const value = (c: readonly number[]): number =>
    at(c, 'monetary') + at(c, 'frequency') - at(c, 'recency_days');
  const order = centroids
    .map((c, i) => ({ i, v: value(c) }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .map((e) => e.i);
  const ids = new Array<number>(centroids.length);
  order.forEach((i, rank) => (ids[i] = rank + 1));
  return ids;
}
