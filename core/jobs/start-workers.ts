import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { createLogger } from '../logging/logger.js';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { registerPipelineJobs, type ContextResolver } from '../pipeline/pipeline-jobs.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { createContextResolver } from '../runtime/context-resolver.js';
import { webhookPipelineEvents } from '../webhooks/webhook-pipeline-events.js';
import { WebhookService } from '../webhooks/webhook-service.js';
import { defaultConnectors, defaultPlugins } from '../runtime/default-registries.js';
import type { Store } from '../store/index.js';
import { budgetedConnector, type ConnectorBudget } from './budgeted-connector.js';
import { BullmqRunner } from './bullmq-runner.js';
import { claimedWritebackHandler } from './claimed-writeback.js';
import type { JobRunner } from './job.js';
import { DEFAULT_QUEUE_PREFIX, RUN_QUEUE, WORKER_QUEUES } from './queue-names.js';
import { runJobProcessor } from './run-job.js';
import { SharedRateLimit, type RateBudget } from './shared-rate-limit.js';
import { createStageWorker, type StageWorkerOptions } from './stage-worker.js';
import { refuseForeignJobs } from './store-guard.js';
import { startWebhookWorkers } from './webhook-workers.js';

const logger = createLogger('queue.worker');

export interface WorkerDeploymentOptions {
  redisUrl: string;
  prefix?: string;
  store: Store;
  seed: number;
  /** Score-distribution PSI above which the next run retrains; 0.25 when absent. */
  driftPsi?: number;
  /** Scoring threads of large runs (`PipelineContext.scoreThreads`); automatic when absent. */
  scoreThreads?: number;
  /** The plugins workers run; the shipped ones when absent. */
  plugins?: PluginRegistry;
  /** Let tenants' connections reach private CRM hosts; default `CRM_ML_CRM_ALLOW_PRIVATE`. */
  allowPrivateCrmUrls?: boolean;
  /** Queues to consume (`sync`, `train`, …, `run`); default all. */
  queues?: readonly string[];
  /** Stage and lock settings of every queue's worker. */
  worker?: StageWorkerOptions;
  /** How long write-back claims hold; default 60 s. */
  claimLeaseMs?: number;
  /** Train in a forked child so CPU-bound training cannot starve lock renewal; default true. */
  sandboxTraining?: boolean;
  /**
   * An upper bound on the CRM call budget per connection, shared by all workers. Without it
   * the budget is the window the CRM last reported (rate headers), else its documented one.
   */
  rateBudget?: RateBudget;
  maxAttempts?: number;
  baseDelayMs?: number;
}

/** Workers consuming crm-ml's queues in this process. */
export interface WorkerDeployment {
  readonly workerId: string;
  readonly metrics: WorkerMetrics;
  /** Stops taking jobs; in-flight ones get `graceMs` to finish, the rest are handed back. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts workers for the pipeline's queues against the connections in `store`: stage jobs,
 * run jobs (which drive the stages in order), claimed write-back, and training in a child
 * process. Every stage's CRM calls draw from one rate budget per connection, shared in Redis.
 */
export function startWorkers(options: WorkerDeploymentOptions): WorkerDeployment {
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const queues = new Set(options.queues ?? WORKER_QUEUES);
  const metrics = new WorkerMetrics();
  const { store } = options;
  const webhooks = new WebhookService({
    store,
    tenantOf: async (connectionId) => (await store.tenants.ownerOf(connectionId))?.tenantId ?? null,
  });
  const resolver = createContextResolver({
    store,
    connectors: defaultConnectors(),
    plugins: options.plugins ?? defaultPlugins(),
    seed: options.seed,
    ...(options.driftPsi === undefined ? {} : { driftPsi: options.driftPsi }),
    ...(options.scoreThreads === undefined ? {} : { scoreThreads: options.scoreThreads }),
    ...(options.allowPrivateCrmUrls === undefined
      ? {}
      : { allowPrivateCrmUrls: options.allowPrivateCrmUrls }),
    events: webhookPipelineEvents(webhooks),
  });
  const rateLimit = new SharedRateLimit(
    options.redisUrl,
    prefix,
    options.rateBudget === undefined ? {} : { cap: options.rateBudget },
  );
  resolver.resolve = watchedResolve(resolver.resolve, { rateLimit, metrics });
  let shuttingDown = false;
  const runner = new BullmqRunner({
    redisUrl: options.redisUrl,
    prefix,
    // Stage jobs carry this store's id; those of another store are refused.
    storeId: store.id,
    worker: { name: workerId, ...options.worker },
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.baseDelayMs === undefined ? {} : { baseDelayMs: options.baseDelayMs }),
  });

  // The pipeline's handlers, except where a queue worker needs its own: claims for write-back,
  // a child process for training. Kinds not in `queues` are left to other workers.
  const registrar: JobRunner = {
    run: (job) => runner.run(job),
    runFlow: (jobs) => runner.runFlow(jobs),
    close: async () => undefined,
    register(kind, handler) {
      if (!queues.has(kind)) return;
      if (kind === 'train' && options.sandboxTraining !== false) {
        runner.registerSandboxed('train', trainProcessorFile());
      } else if (kind === 'writeback') {
        const leaseMs = options.claimLeaseMs ?? 60_000;
        runner.register(
          kind,
          claimedWritebackHandler(resolver.resolve, {
            workerId,
            leaseMs,
            metrics,
            stopping: () => shuttingDown,
          }),
        );
      } else {
        runner.register(kind, handler);
      }
    },
  };
  registerPipelineJobs(registrar, resolver.resolve);

  const workers = [...runner.activeWorkers];
  // Outbound delivery and inbound CRM changes are queues too (`webhook`, `inbound`).
  workers.push(
    ...startWebhookWorkers({
      store,
      queues: runner.queues,
      consume: queues,
      worker: { name: workerId, ...options.worker },
    }),
  );
  if (queues.has(RUN_QUEUE)) {
    const processor = refuseForeignJobs(
      RUN_QUEUE,
      store.id,
      runJobProcessor(resolver.resolve, runner),
    );
    workers.push(
      createStageWorker(RUN_QUEUE, processor, runner.queues.location, {
        name: workerId,
        ...options.worker,
      }),
    );
  }
  for (const worker of workers) {
    metrics.observeWorker(worker);
    metrics.trackDepth(runner.queues.queue(worker.name));
  }
  logger.info({ workerId, prefix, queues: [...queues] }, 'workers started');

  return {
    workerId,
    metrics,
    async close(graceMs = 30_000) {
      shuttingDown = true;
      const stopping = Promise.all(workers.map((worker) => worker.close()));
      const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout'));
      if ((await Promise.race([stopping, timer])) === 'timeout') {
        // The unfinished jobs keep their locks until these expire; then other workers take
        // them over, so nothing is lost by leaving now.
        logger.warn({ workerId, graceMs }, 'in-flight jobs handed back unfinished');
      }
      await runner.close(true);
      // Entries this worker claimed but did not write go back to the pool now, not when
      // their lease runs out.
      const released = await store.outbox.releaseWorker(workerId);
      await rateLimit.close();
      await resolver.close();
      logger.info({ workerId, released }, 'workers stopped');
    },
  };
}

/**
 * Resolves contexts as `resolve` does, with the connector drawing from the shared budget
 * (sync, write-back and every other stage alike) and its CRM calls reported in `metrics`.
 */
function watchedResolve(
  resolve: ContextResolver,
  budget: ConnectorBudget & { metrics: WorkerMetrics },
): ContextResolver {
  return async (connectionId) => {
    const context = await resolve(connectionId);
    budget.metrics.watchConnector(connectionId, context.connector);
    return { ...context, connector: budgetedConnector(context.connector, connectionId, budget) };
  };
}

// Run from sources (tsx) the processor is the .ts file beside this one; once built, the .js.
function trainProcessorFile(): string {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./train-processor.${extension}`, import.meta.url).pathname;
}
