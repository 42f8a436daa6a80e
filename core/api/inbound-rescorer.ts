import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { Store } from '../store/index.js';
import { drainInboundChanges, type RunForChanges } from '../webhooks/drain-inbound-changes.js';
import type { RunStarter } from './run-starter.js';

const logger = createLogger('api.rescore');

export interface InboundRescorerOptions {
  store: Store;
  runs: RunStarter;
  /** How often pending changes are looked for (after a busy connection, a failure, a crash). */
  sweepMs?: number;
  /** How often a started run's row is read until it ends. */
  pollMs?: number;
}

/** Runs connections for their stored inbound changes in this process; `close` stops it. */
export interface InboundRescorer {
  /** A connection has new stored changes: run it now, or after its current pass. */
  wake(connectionId: string): void;
  close(): Promise<void>;
}

/**
 * The in-process consumer of the inbound inbox (without Redis): for each connection with
 * pending changes, one run through `runs` that reads and rescores the changed records, then
 * those changes are marked handled.
 * Nothing is kept only in memory: a busy connection, a failed run or a restart leaves the
 * changes pending in the store, and the sweep (also at start) picks them up again.
 */
export function startInboundRescorer(options: InboundRescorerOptions): InboundRescorer {
  const { store, runs } = options;
  const draining = new Map<string, Promise<void>>();
  const again = new Set<string>();
  // Connections whose pending changes cannot run because the connection is gone: said once.
  const missing = new Set<string>();
  let closed = false;

  const runAndWait: RunForChanges = async (connectionId, changes) => {
    const runId = await runs.start({
      connectionId,
      kind: 'pipeline',
      forceTrain: false,
      ...(changes === undefined ? {} : { changes }),
    });
    const byId = changes !== undefined;
    logger.info({ connectionId, runId, byId }, 'rescoring started for CRM changes');
    await untilFinished(store, connectionId, runId, options.pollMs ?? 250);
  };

  const drain = (connectionId: string): void => {
    const pass = drainInboundChanges(store, connectionId, runAndWait)
      .then((handled) => {
        if (handled > 0) logger.info({ connectionId, handled }, 'inbound changes handled');
      })
      .catch((error: unknown) => {
        // The changes stay pending; the next sweep tries again.
        const code = error instanceof CrmMlError ? error.code : null;
        if (code === 'connection_not_found') {
          missing.add(connectionId);
          logger.error({ connectionId, code }, 'pending inbound changes of an unknown connection');
        } else if (code !== 'run_in_progress') {
          logger.warn({ connectionId, err: error }, 'rescoring for changes failed');
        }
      })
      .finally(() => {
        draining.delete(connectionId);
        if (again.delete(connectionId) && !closed) drain(connectionId);
      });
    draining.set(connectionId, pass);
  };

  const wake = (connectionId: string): void => {
    if (closed) return;
    if (draining.has(connectionId)) again.add(connectionId);
    else drain(connectionId);
  };

  const sweep = async (): Promise<void> => {
    try {
      for (const connectionId of await store.inboundChanges.pendingConnections()) {
        if (!missing.has(connectionId) || (await store.connections.get(connectionId))) {
          missing.delete(connectionId);
          wake(connectionId);
        }
      }
    } catch (error) {
      logger.error({ err: error }, 'inbound changes sweep failed');
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.sweepMs ?? 5_000);
  timer.unref();

  return {
    wake,
    async close() {
      closed = true;
      clearInterval(timer);
      await Promise.allSettled(draining.values());
    },
  };
}

async function untilFinished(
  store: Store,
  connectionId: string,
  runId: number,
  pollMs: number,
): Promise<void> {
  for (;;) {
    const run = (await store.runs.list(connectionId, { limit: 100 })).find((r) => r.id === runId);
    if (run === undefined) throw new CrmMlError('run_not_found', `run ${runId} disappeared`);
    if (run.status === 'succeeded') return;
    if (run.status === 'failed' || run.status === 'paused') {
      throw new CrmMlError('run_failed', `run ${runId} of connection ${connectionId} failed`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
