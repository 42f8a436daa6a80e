import { loadConfig } from '../../config/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { isWorkerQueue, WORKER_QUEUES } from '../../jobs/queue-names.js';
import { scheduleAllConnections } from '../../jobs/connection-schedules.js';
import { QueueSet } from '../../jobs/queue-set.js';
import { redisConnection } from '../../jobs/redis-connection.js';
import type { RateBudget } from '../../jobs/shared-rate-limit.js';
import { startWorkers } from '../../jobs/start-workers.js';
import { configuredPlugins } from '../../runtime/default-registries.js';
import { openConfiguredStore } from '../../jobs/worker-store.js';
import { startMetricsServer, type MetricsServer } from '../../metrics/metrics-server.js';
import type { Store } from '../../store/index.js';
import { parsePort } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import type { WorkerFlags } from './worker-command.js';

/** What `worker` does once commander has parsed its flags. */
export async function runWorker(flags: WorkerFlags): Promise<void> {
  try {
    await work(flags);
  } catch (error) {
    printError(flags, error);
  }
}

async function work(flags: WorkerFlags): Promise<void> {
  const config = loadConfig(process.env, flags.config ? { configPath: flags.config } : {});
  if (!config.redisUrl) {
    throw new CrmMlError('config_missing', 'REDIS_URL is not set: workers need Redis');
  }
  // Every flag is checked before a worker connects: a bad one must not leave half-run jobs.
  const queues = parseQueues(flags.queues);
  const lockMs = positive('--lock-ms', flags.lockMs);
  const graceMs = positive('--grace-ms', flags.graceMs);
  const metricsPort =
    flags.metricsPort === undefined ? undefined : parsePort('--metrics-port', flags.metricsPort);

  const plugins = await configuredPlugins(config);
  const store = await openConfiguredStore(config);
  const deployment = startWorkers({
    redisUrl: config.redisUrl,
    prefix: flags.prefix,
    store,
    seed: config.seed,
    driftPsi: config.driftPsi,
    plugins,
    queues,
    worker: {
      concurrency: positive('--concurrency', flags.concurrency),
      lockDurationMs: lockMs,
      stalledIntervalMs: Math.max(500, Math.round(lockMs / 2)),
    },
    claimLeaseMs: positive('--claim-lease-ms', flags.claimLeaseMs),
    ...(flags.rateBudget === undefined ? {} : { rateBudget: parseRateBudget(flags.rateBudget) }),
  });
  const scheduled = await scheduleRuns(config.redisUrl, flags, store);
  let metrics: MetricsServer | undefined;
  if (metricsPort !== undefined) {
    metrics = await startMetricsServer(deployment.metrics.registry, metricsPort);
  }

  const stop = (signal: string): void => {
    process.stderr.write(`${signal}: finishing in-flight jobs, then stopping\n`);
    void deployment
      .close(graceMs)
      .then(() => metrics?.close())
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${signal}: stopping failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  const ready = {
    worker_id: deployment.workerId,
    queues,
    prefix: flags.prefix,
    metrics_port: metrics?.port ?? null,
    scheduled,
  };
  printResult(flags, ready, () => `worker ${ready.worker_id} consuming ${queues.join(', ')}`);
}

// Every worker upserts the schedules at start: they are keyed by connection, so many workers
// and many restarts still leave one schedule per connection.
async function scheduleRuns(redisUrl: string, flags: WorkerFlags, store: Store): Promise<string[]> {
  const minutes = Number(flags.scheduleMinutes);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new CrmMlError('cli_invalid_option', '--schedule-minutes must be 0 or more');
  }
  if (minutes === 0) return [];
  const queues = new QueueSet({ connection: redisConnection(redisUrl), prefix: flags.prefix });
  try {
    return await scheduleAllConnections(queues, store, { everyMinutes: minutes });
  } finally {
    await queues.close();
  }
}

/** `150/10` → 150 calls per 10 s. */
function parseRateBudget(text: string): RateBudget {
  const [calls, seconds] = text.split('/').map((part) => Number(part.trim()));
  if (!calls || !seconds || calls < 1 || seconds <= 0 || !Number.isInteger(calls)) {
    throw new CrmMlError(
      'cli_invalid_option',
      `--rate-budget takes calls/seconds such as 150/10; got '${text}'`,
    );
  }
  return { max: calls, intervalMs: seconds * 1000 };
}

function parseQueues(list: string): string[] {
  const queues = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = queues.filter((name) => !isWorkerQueue(name));
  if (queues.length === 0 || unknown.length > 0) {
    throw new CrmMlError(
      'cli_invalid_option',
      `--queues takes names from ${WORKER_QUEUES.join(', ')}; got '${list}'`,
    );
  }
  return queues;
}

function positive(flag: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new CrmMlError('cli_invalid_option', `${flag} must be a positive whole number`);
  }
  return parsed;
}
