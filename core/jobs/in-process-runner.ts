import { CrmMlError, isRetryable, resumeTimeOf } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { Job, JobHandler, JobKind, JobProgress, JobRunner } from './job.js';

const logger = createLogger('jobs.runner');

export interface InProcessRunnerOptions {
  /** Attempts per job, the first included. */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each time, with jitter. */
  baseDelayMs?: number;
  /** Receives the progress of every job, keyed by its kind. */
  onProgress?: (job: Job, done: number, total: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Runs jobs in this process, one at a time: the embedded default, no Redis needed. */
export class InProcessRunner implements JobRunner {
  private readonly handlers = new Map<JobKind, JobHandler>();
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly options: InProcessRunnerOptions;

  constructor(options: InProcessRunnerOptions = {}) {
    this.options = options;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
  }

  register(kind: JobKind, handler: JobHandler): void {
    if (this.handlers.has(kind)) {
      throw new CrmMlError('job_handler_duplicate', `A handler for '${kind}' jobs is registered`);
    }
    this.handlers.set(kind, handler);
  }

  async run(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      throw new CrmMlError('job_handler_missing', `No handler for '${job.kind}' jobs`);
    }
    const progress: JobProgress = (done, total) => this.options.onProgress?.(job, done, total);
    const sleep = this.options.sleep ?? defaultSleep;

    for (let attempt = 1; ; attempt += 1) {
      const started = Date.now();
      try {
        const summary = await handler(job, progress);
        logger.info({ ...jobFields(job), ms: Date.now() - started }, 'job succeeded');
        return summary;
      } catch (error) {
        // A pause (a spent API budget) ends the run now; retrying in seconds would not help.
        const resumeAt = resumeTimeOf(error);
        if (resumeAt !== null) {
          logger.warn({ ...jobFields(job), attempt, resumeAt, err: error }, 'job paused');
          throw error;
        }
        if (!isRetryable(error) || attempt >= this.maxAttempts) {
          logger.error({ ...jobFields(job), attempt, err: error }, 'job failed');
          throw error;
        }
        const delay = this.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random());
        logger.warn({ ...jobFields(job), attempt, delay, err: error }, 'job will be retried');
        await sleep(delay);
      }
    }
  }

  async runFlow(jobs: readonly Job[]): Promise<unknown[]> {
    const summaries: unknown[] = [];
    for (const job of jobs) summaries.push(await this.run(job));
    return summaries;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}

function jobFields(job: Job): Record<string, string> {
  return { runId: job.runId, connectionId: job.connectionId, job: job.kind };
}
