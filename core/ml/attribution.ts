import type { PropertyReference } from './feature-types.js';
import type { Matrix } from './matrix.js';
import type { BinaryModel } from './models/binary-model.js';
import { Ensemble } from './models/ensemble.js';
import { occlusionContributions } from './occlusion-contributions.js';
import { referenceRow, referenceSlices } from './reference-slices.js';

/** Per-row contributions of each source property to the predicted log-odds. */
export interface PropertyContributions {
  /** Source property names, the column order of `values`. */
  sources: string[];
  /** Row-major [rows × sources]: positive pushes the prediction up. */
  values: Float64Array;
}

/**
 * How much each property moves each row's log-odds compared with its typical training values
 * (weighted by how common they are). Deterministic. Linear models give it exactly (weight ×
 * distance from the average encoding), boosted trees by crediting each split on a row's path
 * to its property, an ensemble as the mean of its members', and any other family by
 * occlusion: the row's prediction minus the average prediction with the property replaced.
 */
export function propertyContributions(
  model: BinaryModel,
  x: Matrix,
  references: readonly PropertyReference[],
): PropertyContributions {
  return { sources: references.map((reference) => reference.source), values: valuesOf(model) };

  function valuesOf(member: BinaryModel): Float64Array {
    // The ensemble's logit is the plain mean of its members', so its explanation is too.
    if (member instanceof Ensemble) return Ensemble.average(member.members.map(valuesOf));
    if (!member.columnContributions) return occlusionContributions(member, x, references);

    const columns = member.columnContributions(x, referenceRow(references, x.cols));
    return sumByProperty(columns, x, references);
  }
}

/** Folds [rows × cols] column contributions into [rows × references] property ones. */
function sumByProperty(
  columns: Float64Array,
  x: Matrix,
  references: readonly PropertyReference[],
): Float64Array {
  const width = references.length;
  const values = new Float64Array(x.rows * width);
  // A property without reference values explains nothing, as with occlusion.
  const owned = references.map((reference) =>
    referenceSlices(reference).length > 0 ? reference.columns : [],
  );

  for (let r = 0; r < x.rows; r++) {
    const row = r * x.cols;
    owned.forEach((cols, p) => {
      let sum = 0;
      for (const c of cols) sum += columns[row + c] ?? 0;
      values[r * width + p] = sum;
    });
  }
  return values;
}
