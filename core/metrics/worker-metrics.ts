import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Queue, Worker } from 'bullmq';

import type { Connector } from '../../connectors/connector.js';
import { createLogger } from '../logging/logger.js';

const logger = createLogger('queue.metrics');

const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * What a worker process exposes to Prometheus: jobs by outcome, job durations, queue depth,
 * CRM calls and real 429s, waits for the shared budget, and write-back lag (score time to CRM
 * write). One registry per worker.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly depthQueues: Queue[] = [];
  private readonly connectors = new Map<string, Pick<Connector, 'callCounts'>>();

  readonly jobs = new Counter({
    name: 'crm_ml_jobs_total',
    help: 'Jobs finished by this worker, by queue and outcome',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly durations = new Histogram({
    name: 'crm_ml_job_duration_seconds',
    help: 'Time from a job starting to finishing, by queue',
    labelNames: ['queue'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers: [this.registry],
  });

  readonly writebackCalls = new Counter({
    name: 'crm_ml_writeback_calls_total',
    help: 'Write-back calls made to a CRM (each may retry inside), by connection and outcome',
    labelNames: ['connection', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly budgetWaits = new Counter({
    name: 'crm_ml_rate_budget_waits_total',
    help: 'CRM calls (any stage) held back by the shared per-connection budget, by connection',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  });

  readonly budgetWaitSeconds = new Counter({
    name: 'crm_ml_rate_budget_wait_seconds_total',
    help: 'Time CRM calls (any stage) spent waiting for the shared budget, by connection',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  });

  readonly writebackLag = new Gauge({
    name: 'crm_ml_writeback_lag_seconds',
    help: 'Seconds from scoring to the CRM write, for the last batch written per connection',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  });

  constructor() {
    const queues = this.depthQueues;
    const connectors = this.connectors;
    // Every request the connectors sent (sync, fields, write-back, read-back, retries), and
    // the ones the CRM refused with 429, read from the connectors at scrape time.
    new Counter({
      name: 'crm_ml_crm_calls_total',
      help: 'Requests sent to a CRM by this worker (every stage, retries included), by connection',
      labelNames: ['connection'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [connection, connector] of connectors) {
          this.inc({ connection }, connector.callCounts?.().calls ?? 0);
        }
      },
    });
    new Counter({
      name: 'crm_ml_crm_429_total',
      help: 'Requests the CRM answered with 429 Too Many Requests, by connection',
      labelNames: ['connection'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [connection, connector] of connectors) {
          this.inc({ connection }, connector.callCounts?.().rateLimited ?? 0);
        }
      },
    });
    new Gauge({
      name: 'crm_ml_queue_depth',
      help: 'Jobs in each queue by state, read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        for (const queue of queues) {
          try {
            const counts = await queue.getJobCounts(...DEPTH_STATES);
            for (const state of DEPTH_STATES) {
              this.set({ queue: queue.name, state }, counts[state] ?? 0);
            }
          } catch (err) {
            logger.warn({ queue: queue.name, err }, 'queue depth not readable');
          }
        }
      },
    });
  }

  /** Counts the jobs `worker` finishes and how long they took. */
  observeWorker(worker: Worker): void {
    const queue = worker.name;
    worker.on('completed', (job) => {
      this.jobs.inc({ queue, state: 'completed' });
      if (job.processedOn && job.finishedOn) {
        this.durations.observe({ queue }, (job.finishedOn - job.processedOn) / 1000);
      }
    });
    worker.on('failed', () => this.jobs.inc({ queue, state: 'failed' }));
    worker.on('stalled', () => this.jobs.inc({ queue, state: 'stalled' }));
  }

  /** Reports the CRM calls and 429s of `connector` (one per connection) at every scrape. */
  watchConnector(connectionId: string, connector: Pick<Connector, 'callCounts'>): void {
    this.connectors.set(connectionId, connector);
  }

  /** Reports the depth of `queue` at every scrape. */
  trackDepth(queue: Queue): void {
    this.depthQueues.push(queue);
  }
}
