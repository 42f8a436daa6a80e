import type { PropertyReference } from './feature-types.js';
import { referenceSlices } from './reference-slices.js';

/**
 * Which source property each encoded column belongs to, so explanations add straight into
 * [rows × properties] instead of building a [rows × columns] array and folding it.
 */
export interface ColumnGroups {
  /** Per encoded column, the index of its property, or −1 when it is credited to none. */
  owner: Int32Array;
  /** How many properties: the row width of grouped contributions. */
  width: number;
}

/**
 * The grouping of `references` over `cols` encoded columns. A property without reference
 * values explains nothing (as with occlusion), so its columns are credited to none.
 */
export function columnGroups(references: readonly PropertyReference[], cols: number): ColumnGroups {
  const owner = new Int32Array(cols).fill(-1);
  references.forEach((reference, p) => {
    if (referenceSlices(reference).length === 0) return;
    for (const c of reference.columns) if (c >= 0 && c < cols) owner[c] = p;
  });
  return { owner, width: references.length };
}
