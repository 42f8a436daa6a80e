import type { PropertyReference } from './feature-types.js';
import type { Matrix } from './matrix.js';
import type { BinaryModel } from './models/binary-model.js';
import { referenceSlices } from './reference-slices.js';

// Occluded rows per predict call: ~8 MB of float32 input for a 50-column network, so one
// call amortises its setup without holding a large copy of the batch.
const VARIANT_ROWS_PER_CALL = 40_000;

/**
 * Row-major [rows × references] contributions by occlusion: the row's log-odds minus the
 * weighted mean log-odds when one property takes each of its reference values instead.
 * Model-agnostic; every occluded variant of a group of rows goes into one predict call.
 */
export function occlusionContributions(
  model: BinaryModel,
  x: Matrix,
  references: readonly PropertyReference[],
): Float64Array {
  const plans = references.map((reference) => ({ reference, slices: referenceSlices(reference) }));
  const variantsPerRow = plans.reduce((s, plan) => s + plan.slices.length, 0);
  const values = new Float64Array(x.rows * references.length);
  if (variantsPerRow === 0 || x.rows === 0) return values;

  const base = model.predictLogits(x);
  const rowsPerCall = Math.max(1, Math.floor(VARIANT_ROWS_PER_CALL / variantsPerRow));

  for (let start = 0; start < x.rows; start += rowsPerCall) {
    const count = Math.min(rowsPerCall, x.rows - start);
    const variants = buildVariants(x, start, count, plans, variantsPerRow);
    const logits = model.predictLogits(variants);

    for (let i = 0; i < count; i++) {
      let v = i * variantsPerRow;
      plans.forEach((plan, p) => {
        if (plan.slices.length === 0) return;
        let expected = 0;
        for (const slice of plan.slices) expected += slice.weight * (logits[v++] ?? 0);
        values[(start + i) * references.length + p] = (base[start + i] ?? 0) - expected;
      });
    }
  }
  return values;
}

/** Rows `start…start+count` of `x`, each copied once per (property, reference value). */
function buildVariants(
  x: Matrix,
  start: number,
  count: number,
  plans: readonly { reference: PropertyReference; slices: ReturnType<typeof referenceSlices> }[],
  variantsPerRow: number,
): Matrix {
  const rows = count * variantsPerRow;
  const data = new Float64Array(rows * x.cols);
  let out = 0;

  for (let i = 0; i < count; i++) {
    const row = x.data.subarray((start + i) * x.cols, (start + i + 1) * x.cols);
    for (const { reference, slices } of plans) {
      for (const slice of slices) {
        data.set(row, out * x.cols);
        reference.columns.forEach((c, k) => {
          data[out * x.cols + c] = slice.values[k] ?? 0;
        });
        out++;
      }
    }
  }
  return { rows, cols: x.cols, data };
}
