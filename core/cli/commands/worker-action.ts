import { loadConfig } from '../../config/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { isWorkerQueue, WORKER_QUEUES } from '../../jobs/queue-names.js';
import { scheduleAllConnections } from '../../jobs/connection-schedules.js';
import { QueueSet } from '../../jobs/queue-set.js';
import { assertRedisReachable } from '../../jobs/redis-reachable.js';
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

// A worker started beside Redis (compose, systemd) may be up first: it waits this long.
const REDIS_WAIT_AT_START_MS = 10_000;

// After the grace time, how long stopping may take (closing connections, releasing claims).
const STOP_DEADLINE_MS = 10_000;

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
  // Every flag is checked, and the metrics port taken, before a worker connects: a bad one
  // must not leave half-run jobs.
  const options = parseWorkerOptions(flags);
  const { queues, lockMs, graceMs } = options;
  // The flag wins over CRM_ML_QUEUE_PREFIX, which run, serve and status read too.
  const prefix = flags.prefix ?? config.queuePrefix;
  const plugins = await configuredPlugins(config);
  // Serves the workers' metrics once they exist (503 until then).
  let deployment: ReturnType<typeof startWorkers> | undefined;
  const metrics: MetricsServer | undefined =
    options.metricsPort === undefined
      ? undefined
      : await startMetricsServer(() => deployment?.metrics.registry, options.metricsPort);

  // Queue connections retry forever, which outlives a Redis restart but would leave a worker
  // started without Redis looking healthy: at start it must answer.
  const store = await assertRedisReachable(config.redisUrl, REDIS_WAIT_AT_START_MS)
    .then(() => openConfiguredStore(config))
    .catch(async (error: unknown) => {
      await metrics?.close();
      throw error;
    });
  deployment = startWorkers({
    redisUrl: config.redisUrl,
    prefix,
    store,
    seed: config.seed,
    driftPsi: config.driftPsi,
    ...(config.scoreThreads === undefined ? {} : { scoreThreads: config.scoreThreads }),
    plugins,
    queues,
    worker: {
      concurrency: options.concurrency,
      lockDurationMs: lockMs,
      stalledIntervalMs: Math.max(500, Math.round(lockMs / 2)),
    },
    claimLeaseMs: options.claimLeaseMs,
    ...(options.rateBudget === undefined ? {} : { rateBudget: options.rateBudget }),
  });
  const started = deployment;
  const scheduled = await scheduleRuns(config.redisUrl, prefix, options.scheduleMinutes, store);

  const stop = (signal: string): void => {
    process.stderr.write(`${signal}: finishing in-flight jobs, then stopping\n`);
    // Handing jobs back needs Redis: without it, closing would wait for it forever.
    setTimeout(() => {
      process.stderr.write(`${signal}: not stopped ${STOP_DEADLINE_MS} ms after the grace time\n`);
      process.exit(1);
    }, graceMs + STOP_DEADLINE_MS).unref();
    void started
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
    worker_id: started.workerId,
    queues,
    prefix,
    metrics_port: metrics?.port ?? null,
    scheduled,
  };
  printResult(flags, ready, () => `worker ${ready.worker_id} consuming ${queues.join(', ')}`);
}

/** The worker's flags, every one checked before anything starts. */
interface WorkerOptions {
  queues: string[];
  concurrency: number;
  lockMs: number;
  graceMs: number;
  claimLeaseMs: number;
  scheduleMinutes: number;
  metricsPort?: number;
  rateBudget?: RateBudget;
}

function parseWorkerOptions(flags: WorkerFlags): WorkerOptions {
  const scheduleMinutes = Number(flags.scheduleMinutes);
  if (!Number.isFinite(scheduleMinutes) || scheduleMinutes < 0) {
    throw new CrmMlError('cli_invalid_option', '--schedule-minutes must be 0 or more');
  }
  return {
    queues: parseQueues(flags.queues),
    concurrency: positive('--concurrency', flags.concurrency),
    lockMs: positive('--lock-ms', flags.lockMs),
    graceMs: positive('--grace-ms', flags.graceMs),
    claimLeaseMs: positive('--claim-lease-ms', flags.claimLeaseMs),
    scheduleMinutes,
    ...(flags.metricsPort === undefined
      ? {}
      : { metricsPort: parsePort('--metrics-port', flags.metricsPort) }),
    ...(flags.rateBudget === undefined ? {} : { rateBudget: parseRateBudget(flags.rateBudget) }),
  };
}

// Every worker upserts the schedules at start: they are keyed by connection, so many workers
// and many restarts still leave one schedule per connection.
async function scheduleRuns(
  redisUrl: string,
  prefix: string,
  minutes: number,
  store: Store,
): Promise<string[]> {
  if (minutes === 0) return [];
  const queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
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
