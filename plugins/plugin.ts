import type { FieldSpec } from '../connectors/connector.js';
import type { Logger } from '../core/logging/logger.js';
import type { CrmRecord, ObjectType, PropertyValue } from '../core/records/crm-record.js';

// What a plugin throws when its data is missing; exported here so `crm-ml/plugin` offers it.
export { isMissingData, MissingDataError } from './missing-data-error.js';

/** A JSON value: what a saved model is made of, so every store can keep it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Named evaluation figures, e.g. `{ roc_auc: 0.85, brier: 0.13 }`. */
export type Metrics = Record<string, number>;

/** Reports how far a long step has come; `total` may change as work is discovered. */
export type ProgressFn = (done: number, total: number) => void;

/** Records of other object types a plugin reads, e.g. the notes or orders of its customers. */
export type RelatedRecords = ReadonlyMap<ObjectType, readonly CrmRecord[]>;

export interface TrainContext {
  logger: Logger;
  /** Every random choice derives from this seed, so training is repeatable. */
  seed: number;
  /** Plugin-specific settings from configuration, validated by the plugin. */
  options: Record<string, unknown>;
  progress?: ProgressFn;
  signal?: AbortSignal;
  /** The records of each type in `Plugin.inputs`, linked to `records` by `associations`. */
  related?: RelatedRecords;
  /** The plugin's latest model for this connection, e.g. to keep segment ids stable. */
  previous?: SavedModel;
}

/** A model as the store keeps it: plain JSON, loadable by `Plugin.load`. */
export interface SavedModel {
  pluginId: string;
  /** Plugin-chosen description of the model family and its settings. */
  config: Json;
  weights: Json;
  metrics: Metrics;
}

/** The outcome of scoring one record. */
export interface RecordScore {
  recordId: string;
  /** The headline number (e.g. churn probability), kept in the store. */
  score: number;
  /** Values to write, keyed by the plugin's `FieldSpec.name`s. */
  values: Record<string, PropertyValue>;
}

/** A trained model, ready to score. */
export interface TrainedModel {
  /** Held-out evaluation figures from training. */
  readonly metrics: Metrics;
  /**
   * What looks wrong with the model although training succeeded (e.g. degenerate segments),
   * one sentence each; the run logs them and its summary shows them. Absent or empty: none.
   */
  readonly warnings?: readonly string[];
  save(): SavedModel;
  /** Scores `records`; `related` holds the records of each type in `Plugin.inputs`. */
  score(records: readonly CrmRecord[], related?: RelatedRecords): Promise<RecordScore[]>;
  /**
   * Returns a new model updated with newly labelled `records` without a full retrain, where
   * the model family allows; this model is left unchanged. The new model's `metrics` record
   * how it did before and after on a held-out part of the new records (e.g.
   * `update_roc_auc_before` / `update_roc_auc_after`). Absent when the plugin cannot update.
   */
  update?(records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel>;
  /**
   * Why `record` got its values, as a few short human-readable reasons, strongest first
   * (churn: its drivers; segments: the traits that set the segment apart; recommendations:
   * "because they bought X"; sentiment: the terms of the texts that weigh most). `related`
   * is as for `score`; only the records linked to `record` are needed. An empty list when
   * there is nothing to say (no orders, no recent texts). Absent when the plugin cannot
   * explain.
   */
  explain?(record: CrmRecord, related?: RelatedRecords): Promise<string[]>;
}

/**
 * An ML capability: churn, segments, sentiment, …
 *
 * Contract: `train` learns from the records of `objectType` (labels come from the records
 * themselves, named in `options`), evaluates on data it held out and reports `metrics`;
 * `load(model.save())` gives a model that scores identically; `score` returns one entry per
 * record it could score, with values for every field in `fields`. Bad records are reported,
 * not fatal; bad `options` throw a `CrmMlError` with the plugin's stable `…_options_invalid`
 * code. When the data it needs is absent (no orders, no label), `train` throws a
 * `MissingDataError` (plugins/missing-data-error.ts) and the core skips the plugin for that
 * run with the error's message as the reason; the other plugins still run. The same seed
 * gives the same model. `test/helpers/plugin-contract.ts` checks all of this for a plugin.
 * Outside the contract: syncing, storing and writing to the CRM (the core does).
 */
export interface Plugin {
  /** Stable id, e.g. `churn`; also the prefix of its CRM fields. */
  readonly id: string;
  readonly label: string;
  /** The object type whose records it scores and writes fields on. */
  readonly objectType: ObjectType;
  /**
   * Other object types it reads (e.g. `['notes']` for sentiment, `['orders']` for
   * recommendations); the core syncs them and passes them as `related`.
   */
  readonly inputs?: readonly ObjectType[];
  /** The CRM fields this plugin writes. */
  readonly fields: readonly FieldSpec[];
  /**
   * Checks `options` as `train` will read them and throws the plugin's `…_options_invalid`
   * `CrmMlError` naming the bad option, so a connection with unusable settings is refused
   * when it is saved, not at its first run. Returns them as `train` reads them (defaults
   * filled in): the core keeps that with each model and retrains when it changes. Absent, or
   * returning nothing: the options as given are what counts.
   */
  parseOptions?(options: Record<string, unknown>): unknown;
  train(records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel>;
  load(saved: SavedModel): Promise<TrainedModel>;
  /**
   * A module (`file:` URL) exporting `load(saved)` with the same result as `load`, so large
   * runs can score in worker threads while the main thread reads and writes the store. Only
   * for plugins without `inputs`; absent means scoring stays on the main thread.
   */
  readonly scoreWorker?: string;
}
