import { Job as BullJob } from 'bullmq';
import type { JobsOptions, QueueEvents, Worker } from 'bullmq';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Job, JobHandler, JobKind, JobRunner } from './job.js';
import { fromFailedJob } from './job-failure.js';
import { whenLost } from './job-lost.js';
import { DEFAULT_QUEUE_PREFIX, stageJobId } from './queue-names.js';
import { QueueSet } from './queue-set.js';
import { redisConnection } from './redis-connection.js';
import { stageProcessor, type StageProgressData } from './stage-processor.js';
import { refuseForeignJobs } from './store-guard.js';
import { createStageWorker, type StageWorkerOptions } from './stage-worker.js';

export interface BullmqRunnerOptions {
  redisUrl: string;
  /** Redis key prefix; tests use a unique one per run. Default `crm-ml`. */
  prefix?: string;
  /** Attempts per job, the first included; default 3. */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each time, with jitter. Default 1 s. */
  baseDelayMs?: number;
  /** Receives the progress of the jobs this runner waits for. */
  onProgress?: (job: Job, done: number, total: number) => void;
  /** Consume the queue of every kind registered here; false makes a client that only waits. */
  work?: boolean;
  /**
   * `Store.id` of this process's store: stamped on every job it enqueues, and jobs its
   * workers take from another store are refused (`job_store_mismatch`).
   */
  storeId?: string;
  worker?: StageWorkerOptions;
}

// Completed jobs are kept a week so a repeated enqueue of the same stage finds its result.
const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 30 * 24 * 3600 };

/**
 * Runs jobs on BullMQ queues in Redis, one queue per job kind (`crm-ml:sync`, …), with the
 * in-process runner's behaviour: `run` resolves with the handler's summary once some worker
 * finished the job, retryable failures are retried with backoff and jitter, others fail at
 * once. Job ids come from run id and kind, so enqueueing a stage twice adds it once.
 *
 * @example
 * const runner = new BullmqRunner({ redisUrl: 'redis://127.0.0.1:6379' });
 * registerPipelineJobs(runner, resolver.resolve); // this process also works the queues
 * const summary = await runner.run({ kind: 'sync', runId, connectionId, payload });
 */
export class BullmqRunner implements JobRunner {
  readonly queues: QueueSet;
  private readonly handlers = new Set<JobKind>();
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<string, Job>();
  private readonly followed = new Set<string>();
  private readonly options: BullmqRunnerOptions;

  constructor(options: BullmqRunnerOptions) {
    this.options = options;
    this.queues = new QueueSet({
      connection: redisConnection(options.redisUrl),
      prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
    });
  }

  register(kind: JobKind, handler: JobHandler): void {
    this.claimKind(kind);
    if (this.options.work === false) return;
    const { storeId } = this.options;
    const processor =
      storeId === undefined
        ? stageProcessor(handler)
        : refuseForeignJobs(kind, storeId, stageProcessor(handler));
    this.workers.push(
      createStageWorker(kind, processor, this.queues.location, this.options.worker),
    );
  }

  /**
   * Handles `kind` in child processes running the default export of `processorFile`, which
   * checks the jobs' store itself (`train-processor.ts` does).
   */
  registerSandboxed(kind: JobKind, processorFile: string): void {
    this.claimKind(kind);
    if (this.options.work === false) return;
    this.workers.push(
      createStageWorker(kind, processorFile, this.queues.location, this.options.worker),
    );
  }

  /** The workers this runner started, e.g. for metrics. */
  get activeWorkers(): readonly Worker[] {
    return this.workers;
  }

  async run(job: Job): Promise<unknown> {
    const id = stageJobId(job.runId, job.kind);
    const queue = this.queues.queue(job.kind);
    const events = await this.queues.queueEvents(job.kind);
    this.followProgress(job.kind, events);

    this.waiting.set(id, job);
    const lost = new AbortController();
    try {
      const { storeId } = this.options;
      const data = storeId === undefined ? job : { ...job, storeId };
      const added = await queue.add(job.kind, data, this.jobOptions(id));
      try {
        return await Promise.race([added.waitUntilFinished(events), whenLost(queue, id, lost)]);
      } catch (error) {
        if (error instanceof CrmMlError && error.code === 'job_lost') throw error;
        throw fromFailedJob(await BullJob.fromId(queue, id), error);
      }
    } finally {
      lost.abort();
      this.waiting.delete(id);
    }
  }

  async runFlow(jobs: readonly Job[]): Promise<unknown[]> {
    const summaries: unknown[] = [];
    for (const job of jobs) summaries.push(await this.run(job));
    return summaries;
  }

  /**
   * A view that files every job under `runId`, whatever run id the caller gave it: a run
   * that is retried after its worker died then finds the stages it already finished.
   */
  forRun(runId: string): JobRunner {
    return {
      register: () => {
        throw new CrmMlError('job_runner_view', 'Register handlers on the runner, not a run view');
      },
      run: (job) => this.run({ ...job, runId }),
      runFlow: async (jobs) => {
        const summaries: unknown[] = [];
        for (const job of jobs) summaries.push(await this.run({ ...job, runId }));
        return summaries;
      },
      close: async () => undefined,
    };
  }

  /** Stops consuming: in-flight jobs finish first unless `force`, which hands them back. */
  async close(force = false): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close(force)));
    this.workers.length = 0;
    await this.queues.close();
  }

  private claimKind(kind: JobKind): void {
    if (this.handlers.has(kind)) {
      throw new CrmMlError('job_handler_duplicate', `A handler for '${kind}' jobs is registered`);
    }
    this.handlers.add(kind);
  }

  private jobOptions(jobId: string): JobsOptions {
    return {
      jobId,
      attempts: this.options.maxAttempts ?? 3,
      backoff: { type: 'crm-ml', delay: this.options.baseDelayMs ?? 1_000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    };
  }

  private followProgress(kind: string, events: QueueEvents): void {
    const onProgress = this.options.onProgress;
    if (!onProgress || this.followed.has(kind)) return;
    this.followed.add(kind);
    events.on('progress', ({ jobId, data }) => {
      const job = this.waiting.get(jobId);
      const progress = data as Partial<StageProgressData>;
      if (job && typeof progress.done === 'number' && typeof progress.total === 'number') {
        onProgress(job, progress.done, progress.total);
      }
    });
  }
}
