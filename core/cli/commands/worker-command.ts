import type { Command } from 'commander';
import { WORKER_QUEUES } from '../../jobs/queue-names.js';

export interface WorkerFlags {
  json: boolean;
  queues: string;
  concurrency: string;
  prefix?: string;
  metricsPort?: string;
  lockMs: string;
  claimLeaseMs: string;
  graceMs: string;
  scheduleMinutes: string;
  rateBudget?: string;
  config?: string;
}

/** `crm-ml worker`: consumes the job queues in Redis until SIGTERM or SIGINT. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('work the job queues in Redis (REDIS_URL) against the store (DATABASE_URL)')
    .option('--json', 'print one JSON object once the workers are consuming', false)
    .option('--queues <list>', 'queues to consume, comma-separated', WORKER_QUEUES.join(','))
    .option('--concurrency <n>', 'jobs per queue at once', '1')
    .option('--prefix <prefix>', 'Redis key prefix of the queues (default CRM_ML_QUEUE_PREFIX)')
    .option('--metrics-port <port>', 'serve Prometheus metrics on this port')
    .option('--lock-ms <ms>', 'job lock; a dead worker’s jobs move on after this', '30000')
    .option('--claim-lease-ms <ms>', 'write-back claim lease', '60000')
    .option('--grace-ms <ms>', 'on SIGTERM, how long in-flight jobs may finish', '30000')
    .option('--schedule-minutes <n>', 'run every connection this often (0: no schedule)', '15')
    .option(
      '--rate-budget <calls/seconds>',
      'cap each connection’s shared CRM call budget, e.g. 150/10 (default: what the CRM reports)',
    )
    .option('--config <file>', 'a crm-ml.config.json to read besides the environment')
    .action(async (flags: WorkerFlags) => {
      const { runWorker } = await import('./worker-action.js');
      await runWorker(flags);
    });
}
