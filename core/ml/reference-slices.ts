import type { PropertyReference } from './feature-types.js';

// Rarer reference values than this many add cost, not insight; the rest are renormalised.
const MAX_SLICES = 12;

/** One alternative encoding of a property's columns and its renormalised weight (sums to 1). */
export interface WeightedSlice {
  weight: number;
  values: readonly number[];
}

/**
 * The reference values an explanation compares a property against: its most common training
 * encodings, at most `MAX_SLICES`, with weights renormalised to sum to 1 (empty when the
 * property has no weighted value, so it explains nothing).
 */
export function referenceSlices(reference: PropertyReference): WeightedSlice[] {
  const slices = [...reference.slices]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_SLICES)
    .filter((slice) => slice.weight > 0);
  const total = slices.reduce((s, slice) => s + slice.weight, 0);
  return slices.map((slice) => ({ weight: slice.weight / total, values: slice.values }));
}

/**
 * The expected encoded row under the references: each column at the weighted mean of its
 * property's reference values. Columns no property owns stay 0.
 */
export function referenceRow(references: readonly PropertyReference[], cols: number): Float64Array {
  const row = new Float64Array(cols);
  for (const reference of references) {
    for (const slice of referenceSlices(reference)) {
      reference.columns.forEach((c, k) => {
        row[c] = (row[c] ?? 0) + slice.weight * (slice.values[k] ?? 0);
      });
    }
  }
  return row;
}
