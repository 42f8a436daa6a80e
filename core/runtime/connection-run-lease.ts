import { hostname } from 'node:os';

import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { RunLease, Store } from '../store/index.js';

const logger = createLogger('runtime.lease');

/**
 * How long a run's lease lasts without renewal: the longest a crashed run keeps the next one
 * out. Long because training blocks the event loop, and with it renewal, for a while: 46 s in
 * the demo's 7,043 customers, more with more records.
 */
export const RUN_LEASE_MS = 10 * 60_000;

// Renewal well inside the lease, so only a stall of nearly the whole lease can lose it.
const RENEW_EVERY_MS = 30_000;

export interface RunLeaseOptions {
  /** Default RUN_LEASE_MS. */
  leaseMs?: number;
  /** Where the run lives, named in the refusal; default `<host> pid <pid>`. */
  holder?: string;
  /**
   * For one-shot commands: on SIGINT or SIGTERM, give the lease back and exit, so a run
   * stopped with Ctrl-C does not keep the next one out until its lease ends.
   */
  releaseOnSignal?: boolean;
}

/** A lease this process holds on a connection's runs until `release`. */
export interface HeldRunLease {
  readonly lease: RunLease;
  /** Stops renewing and gives the lease back; safe to call twice. */
  release(): Promise<void>;
}

/**
 * Takes the store's run lease of `connectionId` for run `runId` and keeps it renewed, or fails
 * at once with `run_in_progress` naming the run that holds it and when its lease ends. One
 * mechanism for every in-process run (`crm-ml run`, `serve` without Redis, `demo`), so two of
 * them on one store never both sync, train and write, whichever processes they run in.
 */
export async function takeRunLease(
  store: Pick<Store, 'runLeases'>,
  connectionId: string,
  runId: string,
  options: RunLeaseOptions = {},
): Promise<HeldRunLease> {
  const leaseMs = options.leaseMs ?? RUN_LEASE_MS;
  const holder = options.holder ?? `${hostname()} pid ${process.pid}`;
  const outcome = await store.runLeases.acquire({ connectionId, runId, holder, leaseMs });
  if (!outcome.acquired) throw runInProgress(outcome.held);

  const log = logger.child({ connectionId, runId });
  let renewing: Promise<void> = Promise.resolve();
  const renew = async (): Promise<void> => {
    try {
      if (!(await store.runLeases.renew(connectionId, runId, leaseMs))) {
        // Only after a stall longer than the lease: another run may now be under way too.
        log.error({ leaseMs }, 'run lease lost: it expired and another run took it over');
      }
    } catch (err) {
      log.warn({ err }, 'run lease renewal failed; the next one tries again');
    }
  };
  const timer = setInterval(
    () => {
      renewing = renewing.then(renew);
    },
    Math.max(1, Math.min(RENEW_EVERY_MS, Math.floor(leaseMs / 3))),
  );
  timer.unref();

  let released: Promise<void> | undefined;
  const release = (): Promise<void> => {
    clearInterval(timer);
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    released ??= renewing.then(() => store.runLeases.release(connectionId, runId));
    return released;
  };
  function onSignal(signal: NodeJS.Signals): void {
    const code = signal === 'SIGINT' ? 130 : 143;
    void release()
      .catch((err: unknown) => log.warn({ err }, 'run lease not given back; it lapses'))
      .finally(() => process.exit(code));
  }
  if (options.releaseOnSignal === true) process.once('SIGINT', onSignal).once('SIGTERM', onSignal);

  return { lease: outcome.lease, release };
}

/** Runs `work` holding the connection's run lease, given back however `work` ends. */
export async function withRunLease<T>(
  store: Pick<Store, 'runLeases'>,
  connectionId: string,
  runId: string,
  work: () => Promise<T>,
  options: RunLeaseOptions = {},
): Promise<T> {
  const held = await takeRunLease(store, connectionId, runId, options);
  try {
    return await work();
  } finally {
    await held.release();
  }
}

/** The refusal of a run while `held` stands: which run, where, and when its lease ends. */
export function runInProgress(held: RunLease): CrmMlError {
  return new CrmMlError(
    'run_in_progress',
    `connection ${held.connectionId} has run ${held.runId} under way (${held.holder}, since ` +
      `${held.acquiredAt}); its lease ends at ${held.expiresAt} unless that run renews it: ` +
      'wait for it to finish',
    { details: [{ path: 'connectionId', message: `${held.connectionId} is running` }] },
  );
}
