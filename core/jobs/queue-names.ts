import type { JobKind } from './job.js';

/** Redis key prefix of every crm-ml queue: queue `sync` lives under `crm-ml:sync:*`. */
export const DEFAULT_QUEUE_PREFIX = 'crm-ml';

/** The queue that carries whole runs; a run job drives its stage jobs in order. */
export const RUN_QUEUE = 'run';

/** Outbound webhook delivery: a scheduled job every second sends the deliveries due. */
export const WEBHOOK_QUEUE = 'webhook';

/** Inbound CRM webhooks: a job per accepted batch runs the connection's stored changes. */
export const INBOUND_QUEUE = 'inbound';

/** Every stage kind, each on a queue of its own so workers can specialise. */
export const STAGE_KINDS: readonly JobKind[] = ['sync', 'provision', 'train', 'score', 'writeback'];

/** Every queue a worker may consume: stages, runs, and webhooks out and in. */
export const WORKER_QUEUES: readonly string[] = [
  ...STAGE_KINDS,
  RUN_QUEUE,
  WEBHOOK_QUEUE,
  INBOUND_QUEUE,
];

/**
 * The id of a run's stage job. Deterministic so enqueueing the same stage twice (a retried
 * run, a restarted client) finds the existing job instead of adding a second one. BullMQ
 * refuses `:` in custom ids, hence the dot.
 */
export function stageJobId(runId: string, kind: JobKind): string {
  return `${runId}.${kind}`;
}

/** True for a queue name a worker can consume. */
export function isWorkerQueue(name: string): boolean {
  return WORKER_QUEUES.includes(name);
}
