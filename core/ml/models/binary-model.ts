import type { Matrix } from '../matrix.js';

/** A JSON value, the shape saved models take (structurally the same as the plugin `Json`). */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The model families crm-ml can train, in a fixed order (their index is stable). */
export const MODEL_FAMILIES = ['logistic', 'gbdt', 'network'] as const;

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
  toJSON(): SavedBinaryModel;
}
