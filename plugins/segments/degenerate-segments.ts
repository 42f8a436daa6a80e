import type { Matrix } from '../../core/ml/matrix.js';
import { segmentTraits, TRAIT_JOINER } from './segment-names.js';

/** A fitted clustering, in the scaled units it was fitted in. */
export interface FittedClustering {
  features: readonly string[];
  x: Matrix;
  assignments: ArrayLike<number>;
  centroids: readonly (readonly number[])[];
  silhouette: number;
}

// One feature holding this share of the spread between segments makes them a 1-D split.
const DOMINANT_SHARE = 0.9;
// A feature where this share of customers has one value describes the few others only.
const NEAR_CONSTANT_SHARE = 0.9;
// Within-segment spread below this share of the total: the segments are a few repeated rows.
const IDENTICAL_SHARE = 0.001;

const percent = (share: number): string => `${Math.round(share * 100)} %`;
const listed = (names: readonly string[]): string =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * Why a clustering is degenerate, one sentence each, none when it looks sound: features the
 * same for every customer, segments that differ in one feature only (the more so where most
 * customers share one value of it), segments of identical customers, and segments with the
 * very same traits that differ only in degree. Checks the shape of the result, not any
 * dataset's figures.
 */
export function degenerateSegments(fit: FittedClustering): string[] {
  const { features, x } = fit;
  if (x.rows === 0 || fit.centroids.length < 2) return [];
  const warnings: string[] = [];

  const constant = features.filter((_, j) => modalShare(x, j) === 1);
  if (constant.length > 0) {
    const verb = constant.length === 1 ? 'is' : 'are';
    warnings.push(
      `${listed(constant)} ${verb} the same for every customer and cannot tell segments ` +
        'apart (check the order property options)',
    );
  }

  const spread = spreadBetweenSegments(fit);
  const total = spread.between.reduce((a, b) => a + b, 0);
  const top = spread.between.indexOf(Math.max(...spread.between));
  const share = total > 0 ? (spread.between[top] ?? 0) / total : 0;
  if (features.length > 1 && share >= DOMINANT_SHARE) {
    const feature = features[top] as string;
    const common = modalShare(x, top);
    const few =
      common >= NEAR_CONSTANT_SHARE
        ? `, where ${percent(common)} of customers have the same value: they sort the few others`
        : '';
    warnings.push(
      `segments differ almost only in ${feature} (${percent(share)} of the spread between them)${few}`,
    );
  }

  if (spread.total > 0 && spread.within / spread.total < IDENTICAL_SHARE) {
    warnings.push(
      `customers within each segment are all but identical (silhouette ` +
        `${fit.silhouette.toFixed(2)}): the features take few distinct values and each segment ` +
        'is one of them, not a group of similar customers',
    );
  }

  for (const [traits, count] of sharedTraits(features, fit.centroids)) {
    warnings.push(`${count} segments share the traits '${traits}' and differ only in degree`);
  }
  return warnings;
}

/** The share of rows holding the most common value of column `j`. */
function modalShare(x: Matrix, j: number): number {
  const counts = new Map<number, number>();
  for (let r = 0; r < x.rows; r++) {
    const value = x.data[r * x.cols + j] as number;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return Math.max(...counts.values()) / x.rows;
}

/** Sums of squares: between segments per feature, within segments and in total. */
function spreadBetweenSegments(fit: FittedClustering): {
  between: number[];
  within: number;
  total: number;
} {
  const { x, assignments } = fit;
  const k = fit.centroids.length;
  const sums = Array.from({ length: k }, () => new Array<number>(x.cols).fill(0));
  const sizes = new Array<number>(k).fill(0);
  const mean = new Array<number>(x.cols).fill(0);
  for (let r = 0; r < x.rows; r++) {
    const c = assignments[r] as number;
    sizes[c] = (sizes[c] as number) + 1;
    for (let j = 0; j < x.cols; j++) {
      const value = x.data[r * x.cols + j] as number;
      (sums[c] as number[])[j] = ((sums[c] as number[])[j] as number) + value;
      mean[j] = (mean[j] as number) + value / x.rows;
    }
  }
  const centre = (c: number, j: number): number =>
    ((sums[c] as number[])[j] as number) / Math.max(1, sizes[c] as number);

  const between = mean.map((m, j) =>
    sizes.reduce((sum, n, c) => sum + n * (centre(c, j) - m) ** 2, 0),
  );
  let within = 0;
  let total = 0;
  for (let r = 0; r < x.rows; r++) {
    const c = assignments[r] as number;
    for (let j = 0; j < x.cols; j++) {
      const value = x.data[r * x.cols + j] as number;
      within += (value - centre(c, j)) ** 2;
      total += (value - (mean[j] as number)) ** 2;
    }
  }
  return { between, within, total };
}

/** Trait lists that more than one centroid has in full, with how many share each. */
function sharedTraits(
  features: readonly string[],
  centroids: readonly (readonly number[])[],
): [string, number][] {
  const counts = new Map<string, number>();
  for (const centroid of centroids) {
    const traits = segmentTraits(features, centroid).join(TRAIT_JOINER) || 'typical';
    counts.set(traits, (counts.get(traits) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1);
}
