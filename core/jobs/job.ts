import type { Json } from '../../plugins/plugin.js';

/** The kinds of work crm-ml does; each has one handler per deployment. */
export type JobKind = 'sync' | 'provision' | 'train' | 'score' | 'writeback';

/** One unit of work for one connection within one run. */
export interface Job {
  kind: JobKind;
  runId: string;
  connectionId: string;
  /** Kind-specific settings, JSON so a queue can carry them. */
  payload: Json;
}

/** Reports progress of the job being handled. */
export type JobProgress = (done: number, total: number) => void;

/** Does the work of one job kind and returns its summary, which must be JSON-serialisable. */
export type JobHandler = (job: Job, progress: JobProgress) => Promise<unknown>;

/**
 * Runs jobs. Contract: `runFlow` runs the jobs in order and stops at the first failure
 * (later jobs depend on earlier ones); a job that fails with a retryable `CrmMlError` is
 * retried with backoff before it counts as failed. Implementations: the in-process runner
 * (the default) and, later, a queue-backed one with the same behaviour.
 */
export interface JobRunner {
  register(kind: JobKind, handler: JobHandler): void;
  run(job: Job): Promise<unknown>;
  runFlow(jobs: readonly Job[]): Promise<unknown[]>;
  close(): Promise<void>;
}
