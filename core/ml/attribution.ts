import type { PropertyReference } from './feature-types.js';
import type { Matrix } from './matrix.js';
import type { BinaryModel } from './models/binary-model.js';

/** Per-row contributions of each source property to the predicted log-odds. */
export interface PropertyContributions {
  /** Source property names, the column order of `values`. */
  sources: string[];
  /** Row-major [rows × sources]: positive pushes the prediction up. */
  values: Float64Array;
}

// Rarer reference values than this many add cost, not insight; the rest are renormalised.
const MAX_SLICES = 12;

/**
 * How much each property moves each row's log-odds: the row's prediction minus the average
 * prediction when that one property takes its typical training values instead (weighted by
 * how common they are). Model-agnostic, batched per property, deterministic; for a linear
 * model it equals the weight × distance of the row's encoding from the average encoding.
 */
export function propertyContributions(
  model: BinaryModel,
  x: Matrix,
  references: readonly PropertyReference[],
): PropertyContributions {
  const base = model.predictLogits(x);
  const work: Matrix = { rows: x.rows, cols: x.cols, data: Float64Array.from(x.data) };
  const values = new Float64Array(x.rows * references.length);

  references.forEach((reference, p) => {
    const slices = [...reference.slices]
      .sort((a, b) => b.weight - a.weight)
      .slice(0, MAX_SLICES)
      .filter((slice) => slice.weight > 0);
    const totalWeight = slices.reduce((s, slice) => s + slice.weight, 0);
    const expected = new Float64Array(x.rows);

    for (const slice of slices) {
      for (let r = 0; r < x.rows; r++) {
        reference.columns.forEach((c, k) => {
          work.data[r * x.cols + c] = slice.values[k] ?? 0;
        });
      }
      const logits = model.predictLogits(work);
      for (let r = 0; r < x.rows; r++) {
        expected[r] = (expected[r] ?? 0) + ((logits[r] ?? 0) * slice.weight) / totalWeight;
      }
    }

    // Put the row's own values back before the next property.
    for (let r = 0; r < x.rows; r++) {
      for (const c of reference.columns) work.data[r * x.cols + c] = x.data[r * x.cols + c] ?? 0;
      values[r * references.length + p] = totalWeight > 0 ? (base[r] ?? 0) - (expected[r] ?? 0) : 0;
    }
  });
  return { sources: references.map((reference) => reference.source), values };
}
