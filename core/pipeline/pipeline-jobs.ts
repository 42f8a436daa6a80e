import type { JobRunner } from '../jobs/job.js';
import type { ObjectType } from '../records/crm-record.js';
import { executeWriteback } from '../writeback/execute-writeback.js';
import type { PipelineContext } from './pipeline-context.js';
import { provisionFields } from './provision-fields.js';
import { scoreRecords } from './score-records.js';
import { syncChangedRecords } from './sync-changed-records.js';
import { syncInput } from './sync-input.js';
import { syncRecords, type SyncSummary } from './sync-records.js';
import { trainModels } from './train-models.js';

/** Records a CRM webhook reported as changed, by object type. */
export type ChangedRecords = Partial<Record<ObjectType, string[]>>;

/** The payloads each job kind of a pipeline run carries. */
export interface PipelinePayloads {
  /**
   * With `changes`, only those records are read (by id) and other synced types are left
   * alone; a type that was never synced gets its full sync all the same.
   */
  sync: { objectTypes: ObjectType[]; changes?: ChangedRecords };
  provision: Record<string, never>;
  train: { force: boolean };
  /**
   * `skip`: plugins skipped in this run's training, left out of its scoring as well.
   * `rescoreAll`: plugins whose fields provisioning created, scored and queued in full.
   */
  score: { changedSince: string | null; skip?: string[]; rescoreAll?: string[] };
  writeback: Record<string, never>;
}

/** Finds the pipeline context of a job's connection (a worker may serve many connections). */
export type ContextResolver = (connectionId: string) => Promise<PipelineContext>;

/** Registers the handlers that run each stage of a pipeline; each resolves its connection. */
export function registerPipelineJobs(runner: JobRunner, resolve: ContextResolver): void {
  runner.register('sync', async (job, progress) => {
    const context = await resolve(job.connectionId);
    const { objectTypes, changes } = job.payload as PipelinePayloads['sync'];
    const scored = new Set(context.plugins.map((plugin) => plugin.objectType));
    const summaries: SyncSummary[] = [];
    const sync = (objectType: ObjectType): Promise<SyncSummary> =>
      scored.has(objectType)
        ? syncRecords(context, objectType, progress)
        : syncInput(context, objectType, progress);
    for (const objectType of objectTypes) {
      // Reading by id only tops up a synced copy; a type never synced gets its full sync.
      const byId =
        changes !== undefined &&
        (await context.store.cursors.get(job.connectionId, objectType)) !== null;
      if (!byId) {
        summaries.push(await sync(objectType));
        continue;
      }
      const ids = changes?.[objectType] ?? [];
      if (ids.length > 0) {
        summaries.push(await syncChangedRecords(context, objectType, ids, progress));
      }
    }
    return summaries;
  });

  runner.register('provision', async (job) => provisionFields(await resolve(job.connectionId)));

  runner.register('train', async (job, progress) => {
    const { force } = job.payload as PipelinePayloads['train'];
    return trainModels(await resolve(job.connectionId), { force }, progress);
  });

  runner.register('score', async (job, progress) => {
    const { changedSince, skip, rescoreAll } = job.payload as PipelinePayloads['score'];
    const context = await resolve(job.connectionId);
    const scope = {
      runId: job.runId,
      ...(changedSince === null ? {} : { changedSince }),
      ...(skip === undefined ? {} : { skip }),
      ...(rescoreAll === undefined ? {} : { rescoreAll }),
    };
    return scoreRecords(context, scope, progress);
  });

  runner.register('writeback', async (job, progress) =>
    executeWriteback(await resolve(job.connectionId), progress),
  );
}
