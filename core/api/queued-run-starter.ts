import { randomUUID } from 'node:crypto';

import { CrmMlError } from '../errors/crm-ml-error.js';
import { BullmqRunner } from '../jobs/bullmq-runner.js';
import type { Job } from '../jobs/job.js';
import { RUN_QUEUE } from '../jobs/queue-names.js';
import { enqueueRun } from '../jobs/run-client.js';
import type { RunJobData } from '../jobs/run-job.js';
import { createLogger } from '../logging/logger.js';
import type { ContextResolver } from '../pipeline/pipeline-jobs.js';
import type { Store } from '../store/index.js';
import { stagePayload } from './in-process-run-starter.js';
import type { RunRequest, RunStarter } from './run-starter.js';
import { safeError } from './safe-error.js';

const logger = createLogger('api.runs');

export interface QueuedRunStarterOptions {
  store: Store;
  redisUrl: string;
  prefix?: string;
  /** For the plugins of a connection, which decide what a single stage's job carries. */
  resolve: ContextResolver;
}

// States in which a run job counts as under way; a delayed one (the next scheduled run) does not.
const UNFINISHED = ['active', 'waiting', 'prioritized', 'waiting-children'] as const;

/**
 * Starts runs on the BullMQ queues for `crm-ml worker` processes, like `crm-ml run` does:
 * the run is recorded in the store first (so its id can be read back at once), then a
 * pipeline run is enqueued with `enqueueRun` and the worker that takes it finishes that row.
 * A single stage (sync, train, …) is enqueued on its stage queue and recorded by this process
 * when it ends.
 */
export class QueuedRunStarter implements RunStarter {
  private readonly runner: BullmqRunner;
  private readonly stages = new Map<string, Promise<void>>();

  constructor(private readonly options: QueuedRunStarterOptions) {
    // A client only: the workers consume the queues.
    this.runner = new BullmqRunner({
      redisUrl: options.redisUrl,
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      work: false,
      maxAttempts: 3,
      storeId: options.store.id,
    });
  }

  async start(request: RunRequest): Promise<number> {
    await this.refuseIfRunning(request.connectionId);
    const { store } = this.options;
    const context = await this.options.resolve(request.connectionId);
    // One id for the run's row, its jobs and every log line about it, whatever its kind.
    const runId = randomUUID();
    const startedAt = new Date().toISOString();
    const storeRunId = await store.runs.start({
      connectionId: request.connectionId,
      kind: request.kind,
      startedAt,
      runId,
    });
    logger.info({ runId, connectionId: request.connectionId, kind: request.kind }, 'run queued');

    if (request.kind === 'pipeline') {
      try {
        await enqueueRun(this.runner.queues, {
          connectionId: request.connectionId,
          forceTrain: request.forceTrain,
          runId,
          storeRunId,
          storeId: store.id,
          ...(request.changes === undefined ? {} : { changes: request.changes }),
        });
      } catch (error) {
        await this.finishFailed(storeRunId, error);
        throw error;
      }
      return storeRunId;
    }

    const job: Job = {
      kind: request.kind,
      runId,
      connectionId: request.connectionId,
      payload: stagePayload(request, context.plugins),
    };
    const work = this.runStage(storeRunId, job).finally(() =>
      this.stages.delete(request.connectionId),
    );
    this.stages.set(request.connectionId, work);
    return storeRunId;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.stages.values());
    await this.runner.close();
  }

  private async refuseIfRunning(connectionId: string): Promise<void> {
    const jobs = await this.runner.queues.queue(RUN_QUEUE).getJobs([...UNFINISHED], 0, 1_000);
    const queued = jobs.some((job) => (job.data as RunJobData).connectionId === connectionId);
    if (queued || this.stages.has(connectionId)) {
      throw new CrmMlError(
        'run_in_progress',
        `connection ${connectionId} has a run under way; wait for it to finish`,
      );
    }
  }

  private async runStage(storeRunId: number, job: Job): Promise<void> {
    try {
      const summary = await this.runner.run(job);
      await this.options.store.runs.finish(storeRunId, {
        status: 'succeeded',
        summary: JSON.parse(JSON.stringify(summary ?? null)),
        finishedAt: new Date().toISOString(),
      });
    } catch (error) {
      const log = { runId: job.runId, connectionId: job.connectionId, kind: job.kind };
      logger.warn({ ...log, err: safeError(error) }, 'run failed');
      await this.finishFailed(storeRunId, error);
    }
  }

  private async finishFailed(storeRunId: number, error: unknown): Promise<void> {
    const message = error instanceof CrmMlError ? error.message : 'the run failed';
    const code = error instanceof CrmMlError ? error.code : 'internal_error';
    await this.options.store.runs.finish(storeRunId, {
      status: 'failed',
      summary: { error: { code, message } },
      finishedAt: new Date().toISOString(),
    });
  }
}
