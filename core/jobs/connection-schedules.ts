import type { Store } from '../store/index.js';
import { RUN_QUEUE } from './queue-names.js';
import type { QueueSet } from './queue-set.js';
import type { RunJobData } from './run-job.js';

export interface ScheduleOptions {
  /** Minutes between incremental runs; default 15. */
  everyMinutes?: number;
  /** `Store.id` of the connection's store, stamped on its runs so other stores' workers refuse them. */
  storeId?: string;
}

/** The scheduler id of a connection's runs; one id per connection keeps redeploys idempotent. */
export function scheduleId(connectionId: string): string {
  return `runs.${connectionId}`;
}

/**
 * Schedules a connection's incremental runs: every N minutes a run job (sync since the cursor,
 * score what changed, write back). Retraining needs no schedule of its own — a run retrains
 * once the model is a day old. `upsertJobScheduler` is keyed by the connection, so calling
 * this on every worker start or redeploy updates the one schedule instead of adding another.
 */
export async function upsertConnectionSchedule(
  queues: QueueSet,
  connectionId: string,
  options: ScheduleOptions = {},
): Promise<void> {
  const every = (options.everyMinutes ?? 15) * 60_000;
  const data: RunJobData = {
    connectionId,
    forceTrain: false,
    ...(options.storeId === undefined ? {} : { storeId: options.storeId }),
  };
  await queues
    .queue(RUN_QUEUE)
    .upsertJobScheduler(scheduleId(connectionId), { every }, { name: 'run', data });
}

/** Stops a connection's scheduled runs; true when there was a schedule. */
export function removeConnectionSchedule(queues: QueueSet, connectionId: string): Promise<boolean> {
  return queues.queue(RUN_QUEUE).removeJobScheduler(scheduleId(connectionId));
}

/**
 * When each connection's next scheduled run is due (epoch ms), by connection id. A question
 * `crm-ml status` asks first, so an unreachable Redis fails it with `redis_unreachable`.
 */
export async function nextScheduledRuns(queues: QueueSet): Promise<Map<string, number | null>> {
  await queues.ready();
  const schedulers = await queues.queue(RUN_QUEUE).getJobSchedulers();
  const next = new Map<string, number | null>();
  for (const scheduler of schedulers) {
    const connectionId = scheduler.key.startsWith('runs.') ? scheduler.key.slice(5) : null;
    if (connectionId !== null) next.set(connectionId, scheduler.next ?? null);
  }
  return next;
}

/** Keeps connections' schedules in step as they are created and deleted (the API uses it). */
export interface ConnectionScheduler {
  added(connectionId: string): Promise<void>;
  removed(connectionId: string): Promise<void>;
}

/** A scheduler on `queues`: a new connection runs every N minutes from now on. */
export function queueConnectionScheduler(
  queues: QueueSet,
  options: ScheduleOptions = {},
): ConnectionScheduler {
  return {
    added: (connectionId) => upsertConnectionSchedule(queues, connectionId, options),
    removed: async (connectionId) => {
      await removeConnectionSchedule(queues, connectionId);
    },
  };
}

/** Upserts the schedule of every connection in the store; returns the connection ids. */
export async function scheduleAllConnections(
  queues: QueueSet,
  store: Store,
  options: ScheduleOptions = {},
): Promise<string[]> {
  const connections = await store.connections.list();
  for (const connection of connections) {
    await upsertConnectionSchedule(queues, connection.id, { storeId: store.id, ...options });
  }
  return connections.map((connection) => connection.id);
}
