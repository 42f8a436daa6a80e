import { loadConfig } from '../../config/index.js';
import { nextScheduledRuns } from '../../jobs/connection-schedules.js';
import { queueDepth, type QueueSchedule } from '../../jobs/queue-depth.js';
import { WORKER_QUEUES } from '../../jobs/queue-names.js';
import { QueueSet } from '../../jobs/queue-set.js';
import { redisConnection } from '../../jobs/redis-connection.js';
import { openConfiguredStore } from '../../jobs/worker-store.js';
import type { Store } from '../../store/index.js';
import { knownConnectionIds } from '../../store/known-connection-ids.js';
import { printError, printResult } from '../output.js';
import type { StatusFlags } from './status-command.js';

interface ConnectionStatus {
  id: string;
  last_run: {
    run_id: string | null;
    status: string;
    started_at: string;
    finished_at: string | null;
  } | null;
  outbox: Record<string, number>;
  next_run_at: string | null;
}

interface QueueStatus {
  depth: Record<string, number>;
  /** Repeating jobs (a connection's runs, the webhook delivery tick), not counted in `depth`. */
  schedules: QueueSchedule[];
  recent_failures: { id: string; reason: string; failed_at: string | null }[];
}

/** What `status` does once commander has parsed its flags. */
export async function runStatus(flags: StatusFlags): Promise<void> {
  try {
    const config = loadConfig(process.env, flags.config ? { configPath: flags.config } : {});
    const store = await openConfiguredStore(config);
    const queues = config.redisUrl
      ? new QueueSet({
          connection: redisConnection(config.redisUrl),
          prefix: flags.prefix ?? config.queuePrefix,
        })
      : undefined;
    try {
      const status = await collectStatus(store, queues);
      printResult(flags, status, () => formatStatus(status));
    } finally {
      await queues?.close();
      await store.close();
    }
  } catch (error) {
    printError(flags, error);
  }
}

async function collectStatus(
  store: Store,
  queues: QueueSet | undefined,
): Promise<{ connections: ConnectionStatus[]; queues: Record<string, QueueStatus> | null }> {
  const next = queues ? await nextScheduledRuns(queues) : new Map<string, number | null>();
  const connections: ConnectionStatus[] = [];
  for (const id of await knownConnectionIds(store)) {
    const run = await store.runs.last(id);
    const at = next.get(id);
    connections.push({
      id,
      last_run: run && {
        run_id: run.runId,
        status: run.status,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
      },
      outbox: await store.outbox.counts(id),
      next_run_at: at === undefined || at === null ? null : new Date(at).toISOString(),
    });
  }
  if (!queues) return { connections, queues: null };

  const byQueue: Record<string, QueueStatus> = {};
  for (const name of WORKER_QUEUES) {
    const queue = queues.queue(name);
    const { depth, schedules } = await queueDepth(queue);
    const failed = await queue.getFailed(0, 4);
    byQueue[name] = {
      depth,
      schedules,
      recent_failures: failed.map((job) => ({
        id: String(job.id),
        reason: job.failedReason,
        failed_at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      })),
    };
  }
  return { connections, queues: byQueue };
}

function formatStatus(status: Awaited<ReturnType<typeof collectStatus>>): string {
  const lines = status.connections.map((c) => {
    const run = c.last_run ? `${c.last_run.status} at ${c.last_run.started_at}` : 'never run';
    return (
      `${c.id}: last run ${run}, ${c.outbox['pending'] ?? 0} writes pending, ` +
      `next run ${c.next_run_at ?? 'not scheduled'}`
    );
  });
  for (const [name, queue] of Object.entries(status.queues ?? {})) {
    const depth = Object.entries(queue.depth)
      .map(([state, n]) => `${state} ${n}`)
      .join(', ');
    lines.push(`queue ${name}: ${depth}${scheduleText(queue.schedules)}`);
  }
  return lines.length > 0 ? lines.join('\n') : 'no connections yet';
}

// `; schedule every 1 s` for the webhook tick, `; 3 schedules` for the run queue's connections.
function scheduleText(schedules: readonly QueueSchedule[]): string {
  const [only] = schedules;
  if (only === undefined) return '';
  if (schedules.length > 1) return `; ${schedules.length} schedules`;
  const every = only.every_ms === null ? (only.pattern ?? '') : `every ${only.every_ms / 1000} s`;
  return `; schedule ${every}`.trimEnd();
}
