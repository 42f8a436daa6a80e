import type { Connector, FieldUpdate } from '../../connectors/connector.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import type { ContextResolver } from '../pipeline/pipeline-jobs.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import type { OutboxRepository } from '../store/index.js';
import { executeWriteback, type WritebackSummary } from '../writeback/execute-writeback.js';
import { SCORED_AT_FIELD } from '../writeback/own-fields.js';
import type { Job, JobHandler, JobProgress } from './job.js';
import { LeaseKeeper } from './lease-keeper.js';
import { withMethods } from './with-methods.js';

const logger = createLogger('queue.writeback');

export interface ClaimedWritebackOptions {
  /** Identifies this worker's claims; unique per process. */
  workerId: string;
  /** How long a claim holds unrenewed; renewed while its entries are sent. Default 60 s. */
  leaseMs?: number;
  metrics?: WorkerMetrics;
  /** True once the worker is shutting down: no new claims, and the job is handed back. */
  stopping?: () => boolean;
}

// Small claims keep a dead worker's share small: at most this many entries wait for a lease.
const CLAIM_LIMIT = 200;
const MAX_FOREIGN_WAIT_MS = 1_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The write-back handler for queue workers. Entries are claimed before they are written, so
 * workers draining one outbox never write an entry twice nor have one record's writes in
 * flight twice at once; the resolved connector draws from the shared budget (see
 * `budgetedConnector`). The job ends only when no fresh entry is left pending: entries a dead
 * worker had claimed are waited for until its lease runs out, then written here. A worker
 * shutting down hands the job back instead.
 */
export function claimedWritebackHandler(
  resolve: ContextResolver,
  options: ClaimedWritebackOptions,
): JobHandler {
  return async (job, progress) => {
    const base = await resolve(job.connectionId);
    const leases = new LeaseKeeper(base.store.outbox, options.workerId, leaseMsOf(options));
    leases.start();
    try {
      return await drain(job, claimingContext(base, options, leases), options, progress);
    } finally {
      await leases.stop();
    }
  };
}

/** Writes until no fresh entry is left pending, none that other workers hold either. */
async function drain(
  job: Job,
  context: PipelineContext,
  options: ClaimedWritebackOptions,
  progress: JobProgress,
): Promise<WritebackSummary> {
  const total = emptySummary();
  for (;;) {
    addSummary(total, await executeWriteback(context, progress));
    if (options.stopping?.()) {
      // Fails this attempt so BullMQ retries the job on another worker at once.
      throw new CrmMlError('worker_stopping', `worker ${options.workerId} is shutting down`, {
        retryable: true,
      });
    }
    const held = await context.store.outbox.foreignClaims(job.connectionId, options.workerId);
    if (held.count === 0) return total;

    const untilExpiry = held.firstExpiry === null ? 0 : Date.parse(held.firstExpiry) - Date.now();
    logger.info(
      { runId: job.runId, connectionId: job.connectionId, job: job.kind, held: held.count },
      'waiting for entries other workers hold',
    );
    await sleep(Math.max(50, Math.min(untilExpiry, MAX_FOREIGN_WAIT_MS)));
  }
}

function leaseMsOf(options: ClaimedWritebackOptions): number {
  return options.leaseMs ?? 60_000;
}

function claimingContext(
  base: PipelineContext,
  options: ClaimedWritebackOptions,
  leases: LeaseKeeper,
): PipelineContext {
  const claim: OutboxRepository['pending'] = async (connectionId, { limit }) => {
    if (options.stopping?.()) return [];
    const size = Math.min(limit, CLAIM_LIMIT);
    const entries = await base.store.outbox.claim(
      connectionId,
      options.workerId,
      size,
      leaseMsOf(options),
    );
    leases.hold(entries.map((entry) => entry.id));
    return entries;
  };
  // executeWriteback reads `pending`; here that claims, so two workers never get one entry.
  const outbox = withMethods(base.store.outbox, { pending: claim });
  return {
    ...base,
    store: { ...base.store, outbox },
    connector: countedConnector(base.connector, base.connectionId, options.metrics),
  };
}

/** The connector with its write calls and the lag of what they wrote counted. */
function countedConnector(
  connector: Connector,
  connectionId: string,
  metrics: WorkerMetrics | undefined,
): Connector {
  const write: Connector['write'] = async (objectType, updates) => {
    try {
      const outcomes = await connector.write(objectType, updates);
      metrics?.writebackCalls.inc({ connection: connectionId, outcome: 'ok' });
      const lag = oldestScoreAgeSeconds(updates);
      if (lag !== null) metrics?.writebackLag.set({ connection: connectionId }, lag);
      return outcomes;
    } catch (error) {
      metrics?.writebackCalls.inc({ connection: connectionId, outcome: 'error' });
      throw error;
    }
  };
  return withMethods(connector, { write });
}

function oldestScoreAgeSeconds(updates: readonly FieldUpdate[]): number | null {
  const times = updates
    .map((update) => Date.parse(String(update.values[SCORED_AT_FIELD] ?? '')))
    .filter((time) => Number.isFinite(time));
  return times.length === 0 ? null : (Date.now() - Math.min(...times)) / 1000;
}

function emptySummary(): WritebackSummary {
  return { written: 0, failed: 0, deferred: 0, calls: 0, failures: [], sample: [] };
}

function addSummary(total: WritebackSummary, part: WritebackSummary): void {
  total.written += part.written;
  total.failed += part.failed;
  total.deferred = part.deferred;
  total.calls += part.calls;
  total.failures.push(...part.failures);
  if (total.sample.length === 0) total.sample.push(...part.sample);
}
