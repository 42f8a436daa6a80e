import type { ColumnGroups } from '../column-groups.js';
import type { Matrix } from '../matrix.js';

/** A JSON value, the shape saved models take (structurally the same as the plugin `Json`). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The model families crm-ml can train, simplest first (model choice prefers the earlier of
 * two that CV cannot tell apart); new families go at the end so each index stays stable.
 */
export const MODEL_FAMILIES = ['logistic', 'gbdt', 'network', 'ensemble'] as const;

/** One of `MODEL_FAMILIES`. */
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

/** A binary model as JSON: its family, its settings and its learned numbers. */
export type SavedBinaryModel = {
  family: ModelFamily;
  config: { [key: string]: JsonValue };
  weights: { [key: string]: JsonValue };
};

/** What every family's fit receives besides the data. */
export interface FitOptions {
  seed: number;
  signal?: AbortSignal;
}

/**
 * A trained binary classifier over an encoded feature matrix. `predictLogits` gives the
 * log-odds of the positive class per row; saving and loading reproduce it exactly.
 */
export interface BinaryModel {
  readonly family: ModelFamily;
  predictLogits(x: Matrix): Float64Array;
  /**
   * Optional fast explanation, computed with the prediction in one pass: each row's log-odds,
   * and row-major [rows × groups.width] shares of it owed to each property (its columns
   * summed), measured against `reference` (the expected encoded row). Families without it are
   * explained by occlusion, which only needs `predictLogits`.
   */
  explain?(x: Matrix, reference: Float64Array, groups: ColumnGroups): Explanation;
  /**
   * A new model moved toward newly labelled rows `(x, y)` from this one, without a full
   * retrain; this model is left unchanged. Deterministic for `options.seed`.
   */
  update(x: Matrix, y: Float64Array, options: FitOptions): Promise<BinaryModel>;
  toJSON(): SavedBinaryModel;
}

/** Predictions with their explanation: `contributions` is row-major [rows × properties]. */
export interface Explanation {
  logits: Float64Array;
  contributions: Float64Array;
}
