import { isMissingData } from '../../plugins/missing-data-error.js';
import type { Metrics, Plugin, RelatedRecords } from '../../plugins/plugin.js';
import { createLogger } from '../logging/logger.js';
import { withoutReference } from '../ml/population-stability.js';
import type { CrmRecord, ObjectType } from '../records/crm-record.js';
import type { PipelineContext, StageProgress } from './pipeline-context.js';
import { sampleRecords } from './sample-live-records.js';
import { crashReason, type CrashStage } from './plugin-crash.js';
import { driftedLastRun, withScoreReference } from './score-drift.js';
import { trainingOptionsJson } from './training-options.js';
import { updateModel } from './update-model.js';

const logger = createLogger('pipeline.train');

/** Retrain a plugin's model once it is older than this, even when nothing forces it. */
export const DEFAULT_MAX_MODEL_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Records a model trains on at most: a uniform sample beyond it. Held-out metrics are
 * stable long before this size, and holding a million records would cost ~0.6 GB.
 */
export const DEFAULT_MAX_TRAIN_RECORDS = 100_000;

export interface TrainSummary {
  pluginId: string;
  /** False when the existing model was still fresh and full training was skipped. */
  trained: boolean;
  /** True when that fresh model learnt from new outcomes instead (a new version). */
  updated: boolean;
  modelId: number;
  version: number;
  records: number;
  metrics: Metrics;
  /** Why the plugin was not trained this run (its data is missing); absent when it was. */
  skipped?: string;
  /** Set when a fresh model was retrained because the last run measured this score drift. */
  driftPsi?: number;
  /** Why an existing model was trained afresh this run; absent for a first model or none. */
  retrained?: RetrainReason;
  /** What looks wrong with the model this run trained (`TrainedModel.warnings`); absent: none. */
  warnings?: string[];
}

/** Why a plugin that already had a model trained a new one. */
export type RetrainReason = 'options changed' | 'forced' | 'scores drifted' | 'model due';

type LatestModel = Awaited<ReturnType<PipelineContext['store']['models']['latest']>>;

export interface TrainOptions {
  /** Train even when a fresh model exists. */
  force?: boolean;
  maxModelAgeMs?: number;
  /** Train on a uniform sample of at most this many records; `DEFAULT_MAX_TRAIN_RECORDS`. */
  maxRecords?: number;
}

/** Trains every plugin whose model is missing or due, and stores the new versions. */
export async function trainModels(
  context: PipelineContext,
  options: TrainOptions = {},
  progress?: StageProgress,
): Promise<TrainSummary[]> {
  const summaries: TrainSummary[] = [];
  for (const plugin of context.plugins) {
    summaries.push(await trainPlugin(context, plugin, options, progress));
  }
  return summaries;
}

async function trainPlugin(
  context: PipelineContext,
  plugin: Plugin,
  options: TrainOptions,
  progress?: StageProgress,
): Promise<TrainSummary> {
  const { store, connectionId } = context;
  const latest = await store.models.latest(connectionId, plugin.id);
  const maxAge = options.maxModelAgeMs ?? DEFAULT_MAX_MODEL_AGE_MS;
  const age = latest ? context.now().getTime() - Date.parse(latest.trainedAt) : Infinity;
  const pluginOptions = context.pluginOptions[plugin.id] ?? {};
  const optionsJson = trainingOptionsJson(plugin, pluginOptions);
  // Models saved before options were recorded (null) are not retrained for the upgrade alone.
  const optionsChanged = latest?.options != null && latest.options !== optionsJson;

  // A fresh model is still retrained when its options changed or the last run found its
  // scores drifted.
  const fresh = latest !== null && !options.force && !optionsChanged && age < maxAge;
  const drift = fresh && latest ? await driftedLastRun(context, plugin.id, latest.version) : null;
  if (latest && fresh && drift === null) {
    const update = await updateModel(context, plugin, latest);
    if (update) return update;
    const { id, version, saved } = latest;
    return {
      pluginId: plugin.id,
      trained: false,
      updated: false,
      modelId: id,
      version,
      records: 0,
      metrics: withoutReference(saved.metrics),
    };
  }

  const retrained = retrainReason(latest, optionsChanged, options.force === true, drift);
  if (retrained === 'options changed') {
    logger.info(
      { connectionId, plugin: plugin.id, version: latest?.version, options: optionsJson },
      'plugin options changed since the latest model; retraining',
    );
  }

  const limit = options.maxRecords ?? DEFAULT_MAX_TRAIN_RECORDS;
  const batches = store.records.iterate(connectionId, plugin.objectType);
  const { sample: records, seen } = await sampleRecords(batches, limit, context.seed);
  const related = await loadRelatedRecords(context, plugin);
  const started = Date.now();
  let model;
  let saved;
  // Both steps run the plugin's own code; a crash names the one it happened in.
  let stage: CrashStage = 'training';
  try {
    model = await plugin.train(records, {
      logger: logger.child({ connectionId, plugin: plugin.id }),
      seed: context.seed,
      options: pluginOptions,
      related,
      ...(latest ? { previous: latest.saved } : {}),
      ...(progress ? { progress } : {}),
    });
    stage = 'saving the trained model';
    const plain = model.save();
    stage = 'scoring its training records (drift reference)';
    saved = await withScoreReference(model, plain, records, related);
  } catch (error) {
    const stale = optionsChanged ? latest : null;
    if (isMissingData(error)) {
      return skippedPlugin(context, plugin, latest, records.length, error.message, stale);
    }
    const crash = crashReason(error, stage);
    if (crash === null) throw error;
    logger.error({ connectionId, plugin: plugin.id, err: error }, crash);
    return skippedPlugin(context, plugin, latest, records.length, crash, stale);
  }
  const trainedAt = context.now().toISOString();
  const { id, version } = await store.models.save({
    connectionId,
    pluginId: plugin.id,
    saved,
    trainedAt,
    options: optionsJson,
  });

  const warnings = [...(model.warnings ?? [])];
  if (warnings.length > 0) {
    logger.warn(
      { connectionId, plugin: plugin.id, version, warnings },
      'model trained with warnings',
    );
  }
  logger.info(
    {
      connectionId,
      plugin: plugin.id,
      version,
      records: records.length,
      live: seen,
      ms: Date.now() - started,
      ...(drift === null ? {} : { driftPsi: drift }),
      ...(retrained === undefined ? {} : { retrained }),
    },
    'model trained',
  );
  return {
    pluginId: plugin.id,
    trained: true,
    updated: false,
    modelId: id,
    version,
    records: records.length,
    metrics: model.metrics,
    ...(drift === null ? {} : { driftPsi: drift }),
    ...(retrained === undefined ? {} : { retrained }),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

function retrainReason(
  latest: LatestModel,
  optionsChanged: boolean,
  forced: boolean,
  drift: number | null,
): RetrainReason | undefined {
  if (latest === null) return undefined;
  if (optionsChanged) return 'options changed';
  if (forced) return 'forced';
  return drift === null ? 'model due' : 'scores drifted';
}

/**
 * A plugin whose training failed for want of data (or crashed) sits this run out, scoring
 * included: its older model, if any, is left unused and its figures are not reported as this
 * run's. `stale` is that model when it was trained with other options, which the reason says.
 */
function skippedPlugin(
  context: PipelineContext,
  plugin: Plugin,
  latest: LatestModel,
  records: number,
  cause: string,
  stale: LatestModel = null,
): TrainSummary {
  const { connectionId } = context;
  const reason =
    stale === null
      ? cause
      : `${cause} (options changed since v${stale.version}, which no longer scores)`;
  logger.warn({ connectionId, plugin: plugin.id, reason }, 'plugin skipped this run');
  return {
    pluginId: plugin.id,
    trained: false,
    updated: false,
    modelId: latest?.id ?? 0,
    version: latest?.version ?? 0,
    records,
    metrics: {},
    skipped: reason,
  };
}

/** The plugin's object type as the store holds it, archived records left out. */
export function loadLiveRecords(context: PipelineContext, plugin: Plugin): Promise<CrmRecord[]> {
  return loadAll(context, plugin.objectType);
}

/** The live records of every type the plugin reads besides its own. */
export async function loadRelatedRecords(
  context: PipelineContext,
  plugin: Plugin,
): Promise<RelatedRecords> {
  const related = new Map<ObjectType, CrmRecord[]>();
  for (const objectType of plugin.inputs ?? []) {
    related.set(objectType, await loadAll(context, objectType));
  }
  return related;
}

async function loadAll(context: PipelineContext, objectType: ObjectType): Promise<CrmRecord[]> {
  const records: CrmRecord[] = [];
  for await (const batch of context.store.records.iterate(context.connectionId, objectType)) {
    records.push(...batch);
  }
  return records;
}
