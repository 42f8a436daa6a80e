import type { Plugin, RecordScore } from '../../plugins/plugin.js';
import { createLogger } from '../logging/logger.js';
import type { CrmRecord } from '../records/crm-record.js';
import { planWriteback } from '../writeback/plan-writeback.js';
import type { PipelineContext, StageProgress } from './pipeline-context.js';
import { loadLiveRecords, loadRelatedRecords } from './train-models.js';

const logger = createLogger('pipeline.score');

/** Records scored per call into the model: large enough for batched math, small in memory. */
const SCORE_BATCH_SIZE = 5_000;

export interface ScoreScope {
  /** Score only records whose content changed at or after this time (ISO); all when absent. */
  changedSince?: string;
}

export interface ScoreSummary {
  pluginId: string;
  modelVersion: number;
  scored: number;
  /** Records whose written values would change: queued for write-back. */
  queued: number;
}

/**
 * Scores records with each plugin's latest model and queues the changed values for
 * write-back. A model that has not scored every record yet (a new version, or a run that
 * stopped half-way) scores them all, whatever the scope says.
 */
export async function scoreRecords(
  context: PipelineContext,
  scope: ScoreScope = {},
  progress?: StageProgress,
): Promise<ScoreSummary[]> {
  const summaries: ScoreSummary[] = [];
  for (const plugin of context.plugins) {
    summaries.push(await scorePlugin(context, plugin, scope, progress));
  }
  return summaries;
}

async function scorePlugin(
  context: PipelineContext,
  plugin: Plugin,
  scope: ScoreScope,
  progress?: StageProgress,
): Promise<ScoreSummary> {
  const { store, connectionId } = context;
  const latest = await store.models.latest(connectionId, plugin.id);
  if (!latest) {
    return { pluginId: plugin.id, modelVersion: 0, scored: 0, queued: 0 };
  }

  const model = await plugin.load(latest.saved);
  const records = await recordsInScope(context, plugin, latest.id, scope);
  const related = await loadRelatedRecords(context, plugin);
  const summary = { pluginId: plugin.id, modelVersion: latest.version, scored: 0, queued: 0 };

  for (let start = 0; start < records.length; start += SCORE_BATCH_SIZE) {
    const batch = records.slice(start, start + SCORE_BATCH_SIZE);
    const scoredAt = context.now().toISOString();
    const scores: RecordScore[] = await model.score(batch, related);

    await store.scores.saveMany(
      latest.id,
      connectionId,
      plugin.id,
      scores.map((score) => ({ ...score, scoredAt })),
    );
    summary.queued += await planWriteback(context, plugin, latest.version, scores, scoredAt);
    summary.scored += scores.length;
    progress?.(summary.scored, records.length);
  }

  logger.info({ connectionId, ...summary }, 'records scored');
  return summary;
}

async function recordsInScope(
  context: PipelineContext,
  plugin: Plugin,
  modelId: number,
  scope: ScoreScope,
): Promise<CrmRecord[]> {
  const { store, connectionId } = context;
  const live = await store.records.count(connectionId, plugin.objectType);
  const scoredByModel = await store.scores.countForModel(modelId);
  if (scope.changedSince === undefined || scoredByModel < live) {
    return loadLiveRecords(context, plugin);
  }

  const ids = await store.records.listChangedSince(
    connectionId,
    plugin.objectType,
    scope.changedSince,
  );
  const records: CrmRecord[] = [];
  if (ids.length === 0) return records;
  for await (const batch of store.records.iterate(connectionId, plugin.objectType, { ids })) {
    records.push(...batch);
  }
  return records;
}
