import { randomUUID } from 'node:crypto';
import { resumeTimeOf } from '../errors/crm-ml-error.js';
import type { Job, JobKind, JobRunner } from '../jobs/job.js';
import { createLogger } from '../logging/logger.js';
import type { ObjectType } from '../records/crm-record.js';
import type { WritebackSummary } from '../writeback/execute-writeback.js';
import { verifyWriteback, type VerifySummary } from '../writeback/verify-writeback.js';
import type { PipelineContext } from './pipeline-context.js';
import type { FailedRun } from './pipeline-events.js';
import type { ChangedRecords, PipelinePayloads } from './pipeline-jobs.js';
import type { ProvisionSummary } from './provision-fields.js';
import type { ScoreSummary } from './score-records.js';
import type { SyncSummary } from './sync-records.js';
import type { TrainSummary } from './train-models.js';

const logger = createLogger('pipeline.run');

export interface RunOptions {
  /** Train new models even when the latest ones are fresh. */
  forceTrain?: boolean;
  /** The run's id (a queued run's); a fresh UUID by default. */
  runId?: string;
  /** The store's row of this run when the caller recorded it already (the API, queued). */
  storeRunId?: number;
  /**
   * Rescoring for CRM webhooks: sync reads only these records, by id, and scoring covers
   * those whose content changed. Absent: an incremental sync of every type.
   */
  changes?: ChangedRecords;
}

/** What one run did, stage by stage, with the seconds each stage took. */
export interface RunSummary {
  runId: string;
  connectionId: string;
  sync: SyncSummary[];
  provision: ProvisionSummary;
  train: TrainSummary[];
  score: ScoreSummary[];
  writeback: WritebackSummary;
  verify: VerifySummary;
  seconds: Partial<Record<JobKind | 'verify', number>>;
}

/**
 * One run for one connection: sync → provision fields → train (when due) → score → write-back,
 * each stage a job on `runner`. Only records changed by this run's sync are rescored, unless
 * a model is new or a plugin's fields were created; only values that changed are written.
 */
export async function runPipeline(
  context: PipelineContext,
  runner: JobRunner,
  options: RunOptions = {},
): Promise<RunSummary> {
  const { store, connectionId } = context;
  const runId = options.runId ?? randomUUID();
  const startedAt = context.now().toISOString();
  const storeRunId =
    options.storeRunId ??
    (await store.runs.start({ connectionId, kind: 'pipeline', startedAt, runId }));
  const seconds: RunSummary['seconds'] = {};

  const stage = async <K extends JobKind, T>(kind: K, payload: PipelinePayloads[K]): Promise<T> => {
    const job: Job = { kind, runId, connectionId, payload };
    const started = performance.now();
    const result = (await runner.run(job)) as T;
    seconds[kind] = round((performance.now() - started) / 1000);
    return result;
  };

  try {
    const objectTypes = objectTypesToSync(context);
    const changes = options.changes;
    const sync = await stage<'sync', SyncSummary[]>('sync', {
      objectTypes,
      ...(changes === undefined ? {} : { changes }),
    });
    const provision = await stage<'provision', ProvisionSummary>('provision', {});
    const train = await stage<'train', TrainSummary[]>('train', {
      force: options.forceTrain ?? false,
    });
    const changedSince = train.some((t) => t.trained) ? null : startedAt;
    // A plugin that sat training out (no data, or it crashed) sits scoring out too.
    const skip = train.flatMap((t) => (t.skipped === undefined ? [] : [t.pluginId]));
    // Fields created afresh hold none of a plugin's values: all of them are written again.
    // A queued provision job run by an older worker reports no `rewrite`.
    const rescoreAll = provision.rewrite ?? [];
    const score = await stage<'score', ScoreSummary[]>('score', {
      changedSince,
      ...(skip.length === 0 ? {} : { skip }),
      ...(rescoreAll.length === 0 ? {} : { rescoreAll }),
    });
    const writeback = await stage<'writeback', WritebackSummary>('writeback', {});

    const verifyStarted = performance.now();
    const verify = await verifyFirstPlugin(context, writeback.sample);
    seconds.verify = round((performance.now() - verifyStarted) / 1000);

    const summary: RunSummary = {
      runId,
      connectionId,
      sync,
      provision,
      train,
      score,
      writeback,
      verify,
      seconds,
    };
    await store.runs.finish(storeRunId, {
      status: 'succeeded',
      summary: JSON.parse(JSON.stringify(summary)),
      finishedAt: context.now().toISOString(),
    });
    logger.info({ runId, connectionId, seconds }, 'run succeeded');
    await announceFinish(context, summary);
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A spent API budget pauses the run: the next one resumes from the saved cursors.
    const pausedUntil = resumeTimeOf(error);
    await store.runs.finish(storeRunId, {
      status: pausedUntil === null ? 'failed' : 'paused',
      summary: pausedUntil === null ? { error: message } : { error: message, pausedUntil },
      finishedAt: context.now().toISOString(),
    });
    await announceFinish(context, { runId, connectionId, error: message });
    throw error;
  }
}

// Subscribers hear how the run ended; a listener failing must not change that outcome.
async function announceFinish(
  context: PipelineContext,
  outcome: RunSummary | FailedRun,
): Promise<void> {
  try {
    await context.events?.runFinished(outcome);
  } catch (error) {
    logger.warn({ runId: outcome.runId, err: error }, 'run events lost');
  }
}

async function verifyFirstPlugin(
  context: PipelineContext,
  sample: string[],
): Promise<VerifySummary> {
  const plugin = context.plugins[0];
  if (!plugin) return { checked: 0, matched: 0, mismatches: [] };
  return verifyWriteback(context, plugin, sample);
}

/** Every object type a plugin scores or reads, each once. */
function objectTypesToSync(context: PipelineContext): ObjectType[] {
  const types = context.plugins.flatMap((plugin) => [plugin.objectType, ...(plugin.inputs ?? [])]);
  return [...new Set(types)];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
