import { availableParallelism } from 'node:os';

import type { Plugin, SavedModel } from '../../plugins/plugin.js';
import { createLogger } from '../logging/logger.js';
import {
  binCounts,
  populationStability,
  referenceFromMetrics,
} from '../ml/population-stability.js';
import type { RecordRow } from '../store/record-rows.js';
import { planWriteback } from '../writeback/plan-writeback.js';
import type { PipelineContext, StageProgress } from './pipeline-context.js';
import type { ScoreChange } from './pipeline-events.js';
import { isDrift } from './score-drift.js';
import { ScoringPool } from './scoring-pool.js';
import { BatchScorer, type ScoredBatch } from './batch-scorer.js';
import { crashReason } from './plugin-crash.js';
import { loadRelatedRecords } from './train-models.js';

const logger = createLogger('pipeline.score');

/**
 * Records scored per call into the model: large enough for batched math, small enough that
 * the first batch is stored early and the last one soon after scoring ends (threads are
 * idle then), and that batches waiting to be stored stay out of the old generation.
 */
const SCORE_BATCH_SIZE = 2_500;

export interface ScoreScope {
  /** Score only records whose content changed at or after this time (ISO); all when absent. */
  changedSince?: string;
  /** The run scoring, named in the events it causes. */
  runId?: string;
  /** Plugins the run's training skipped: reported skipped here too, their model left unused. */
  skip?: readonly string[];
  /** Plugins that score every record whatever `changedSince` says (their fields are new). */
  rescoreAll?: readonly string[];
}

export interface ScoreSummary {
  pluginId: string;
  modelVersion: number;
  scored: number;
  /** Records whose written values would change: queued for write-back. */
  queued: number;
  /** Why nothing was scored: the plugin has no model yet (its training was skipped). */
  skipped?: string;
  /**
   * Population stability index of this run's scores against the model's training-time
   * distribution; absent for models saved without one or when too few records were scored.
   */
  psi?: number;
  /** True when `psi` passed the threshold: the next run retrains this plugin. */
  drifted?: boolean;
}

/** Scores needed before a PSI means anything: with fewer, deciles are mostly noise. */
const MIN_SCORES_FOR_PSI = 100;

// Below this many records, starting threads (each loads the model) costs more than it saves.
const MIN_RECORDS_FOR_THREADS = 20_000;

/**
 * Scores records with each plugin's latest model and queues the changed values for
 * write-back. A model that has not scored every record yet (a new version, or a run that
 * stopped half-way) scores them all, whatever the scope says. A plugin that crashes (a bug,
 * not a `CrmMlError`) keeps the batches it finished and is reported skipped; the other
 * plugins still score.
 */
export async function scoreRecords(
  context: PipelineContext,
  scope: ScoreScope = {},
  progress?: StageProgress,
): Promise<ScoreSummary[]> {
  const summaries: ScoreSummary[] = [];
  for (const plugin of context.plugins) {
    if (scope.skip?.includes(plugin.id)) {
      const skipped = 'skipped in training this run';
      summaries.push({ pluginId: plugin.id, modelVersion: 0, scored: 0, queued: 0, skipped });
      continue;
    }
    try {
      summaries.push(await scorePlugin(context, plugin, scope, progress));
    } catch (error) {
      const reason = crashReason(error, 'scoring');
      if (reason === null) throw error;
      logger.error({ connectionId: context.connectionId, plugin: plugin.id, err: error }, reason);
      summaries.push({
        pluginId: plugin.id,
        modelVersion: 0,
        scored: 0,
        queued: 0,
        skipped: reason,
      });
    }
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
    const skipped = 'no trained model';
    return { pluginId: plugin.id, modelVersion: 0, scored: 0, queued: 0, skipped };
  }

  const { total, batches } = await recordsInScope(context, plugin, latest.id, scope);
  const related = await loadRelatedRecords(context, plugin);
  const summary: ScoreSummary = {
    pluginId: plugin.id,
    modelVersion: latest.version,
    scored: 0,
    queued: 0,
  };
  const reference = referenceFromMetrics(latest.saved.metrics);
  const counts = reference === null ? [] : reference.shares.map(() => 0);

  const storeBatch = async ({ batch, scoredAt }: ScoredBatch): Promise<void> => {
    if (reference !== null) {
      const batchCounts = binCounts(reference.edges, batch.scores);
      batchCounts.forEach((count, bin) => (counts[bin] = (counts[bin] ?? 0) + count));
    }

    await store.scores.saveEncoded(latest.id, connectionId, plugin.id, batch, scoredAt);
    const planned = await planWriteback(context, plugin, latest.version, batch, scoredAt);
    summary.queued += planned.queued;
    if (planned.queued > 0 && context.events !== undefined) {
      await announce(context, scope.runId ?? '', planned.changes());
    }
    summary.scored += batch.recordIds.length;
    progress?.(summary.scored, Math.max(total, summary.scored));
  };

  // Threads score the next batches while this one is stored (see BatchScorer).
  const threads = threadsFor(context, plugin, total);
  const pool = threads === 0 ? null : startPool(context, plugin, latest.saved, threads);
  try {
    const model = await plugin.load(latest.saved);
    const scorer = new BatchScorer(model, related, pool, threads);
    await scorer.scoreAll(batches, context.now, storeBatch);
  } finally {
    // Also threads that finished starting after the last batch.
    await (await pool)?.close();
  }

  if (reference !== null && summary.scored >= MIN_SCORES_FOR_PSI) {
    summary.psi = Math.round(populationStability(reference, counts) * 1e4) / 1e4;
    summary.drifted = isDrift(context, summary.psi);
    if (summary.drifted) {
      logger.warn(
        { connectionId, plugin: plugin.id, psi: summary.psi },
        'score distribution drifted from training; the next run retrains',
      );
    }
  }
  logger.info({ connectionId, ...summary }, 'records scored');
  return summary;
}

/** Threads that score beside the main thread in large runs (`PipelineContext.scoreThreads`). */
export function scoreThreadCount(context: Pick<PipelineContext, 'scoreThreads'>): number {
  return context.scoreThreads ?? defaultScoreThreads();
}

// The main thread reads and writes the store while one thread scores: a second scoring
// thread would wait on the store, and a machine with one core gains nothing from either.
function defaultScoreThreads(): number {
  return availableParallelism() > 1 ? 1 : 0;
}

/** Threads to score a run of `total` records beside this one: none for small runs. */
function threadsFor(context: PipelineContext, plugin: Plugin, total: number): number {
  const inThread = plugin.scoreWorker === undefined || (plugin.inputs?.length ?? 0) > 0;
  return inThread || total < MIN_RECORDS_FOR_THREADS ? 0 : scoreThreadCount(context);
}

/** Scoring threads with the plugin's latest model loaded, or null if they could not start. */
async function startPool(
  context: PipelineContext,
  plugin: Plugin,
  saved: SavedModel,
  threads: number,
): Promise<ScoringPool | null> {
  try {
    return await ScoringPool.start(plugin.id, plugin.scoreWorker ?? '', saved, threads);
  } catch (error) {
    // Threads only make scoring faster: without them the run scores on this thread.
    const { connectionId } = context;
    logger.warn({ connectionId, plugin: plugin.id, err: error }, 'scoring threads unavailable');
    return null;
  }
}

// Subscribers hear of changed scores; a listener failing must not fail the run.
async function announce(
  context: PipelineContext,
  runId: string,
  changes: readonly ScoreChange[],
): Promise<void> {
  try {
    await context.events?.scoresChanged(context.connectionId, runId, changes);
  } catch (error) {
    logger.warn({ connectionId: context.connectionId, runId, err: error }, 'score events lost');
  }
}

/** The records to score, streamed in batches, and how many there are (for progress). */
interface ScopedRecords {
  total: number;
  /** Stored rows, decoded by whoever scores them (this thread or a scoring thread). */
  batches: AsyncIterable<RecordRow[]>;
}

async function recordsInScope(
  context: PipelineContext,
  plugin: Plugin,
  modelId: number,
  scope: ScoreScope,
): Promise<ScopedRecords> {
  const { store, connectionId } = context;
  const live = await store.records.count(connectionId, plugin.objectType);
  const scoredByModel = await store.scores.countForModel(modelId);
  const batchSize = SCORE_BATCH_SIZE;
  const { changedSince } = scope;
  const all = changedSince === undefined || scope.rescoreAll?.includes(plugin.id) === true;
  if (all || scoredByModel < live) {
    const batches = store.records.iterateRows(connectionId, plugin.objectType, { batchSize });
    return { total: live, batches };
  }

  const ids = await store.records.listChangedSince(connectionId, plugin.objectType, changedSince);
  const lookups = store.records.iterateRows(connectionId, plugin.objectType, { ids, batchSize });
  return { total: ids.length, batches: regroup(lookups, batchSize) };
}

/** Id lookups come back in small slices; regrouping keeps the model's batches large. */
async function* regroup(
  slices: AsyncIterable<RecordRow[]>,
  size: number,
): AsyncGenerator<RecordRow[]> {
  let pending: RecordRow[] = [];
  for await (const slice of slices) {
    pending.push(...slice);
    if (pending.length >= size) {
      yield pending;
      pending = [];
    }
  }
  if (pending.length > 0) yield pending;
}
