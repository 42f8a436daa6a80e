import type { Connector, SyncPage } from '../../connectors/connector.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import type { SharedRateLimit } from './shared-rate-limit.js';
import { withMethods } from './with-methods.js';

/** The shared budget a worker's connectors draw from, and where their waits are counted. */
export interface ConnectorBudget {
  rateLimit: SharedRateLimit;
  metrics?: WorkerMetrics;
}

/**
 * The connector with each CRM operation of every stage (a page of a sync, a count, a read by
 * id, a field provisioning, a write batch, a read-back) drawn from the connection's budget in
 * Redis, which all workers share, as the CRM's limit is per portal or org. One operation takes
 * one call; the extra requests some make (associations, retries) show in the CRM's rate
 * headers, which the budget follows after every operation.
 */
export function budgetedConnector(
  connector: Connector,
  connectionId: string,
  budget: ConnectorBudget,
): Connector {
  const { rateLimit, metrics } = budget;

  const draw = async <T>(operation: () => Promise<T>): Promise<T> => {
    const waited = await rateLimit.take(connectionId, connector.descriptor.requestBudget);
    if (waited > 0) {
      metrics?.budgetWaits.inc({ connection: connectionId });
      metrics?.budgetWaitSeconds.inc({ connection: connectionId }, waited / 1000);
    }
    try {
      return await operation();
    } finally {
      const window = connector.rateLimit?.();
      if (window) await rateLimit.observe(connectionId, window);
    }
  };

  const replaced: Partial<Connector> = {
    read: (objectType, cursor, options) =>
      drawnPages(connector.read(objectType, cursor, options), draw),
    count: (objectType) => draw(() => connector.count(objectType)),
    provisionFields: (objectType, fields) =>
      draw(() => connector.provisionFields(objectType, fields)),
    write: (objectType, updates) => draw(() => connector.write(objectType, updates)),
    fetch: (objectType, ids, properties) =>
      draw(() => connector.fetch(objectType, ids, properties)),
  };
  const readByIds = connector.readByIds?.bind(connector);
  if (readByIds !== undefined) {
    replaced.readByIds = (objectType, ids, options) =>
      draw(() => readByIds(objectType, ids, options));
  }
  return withMethods(connector, replaced);
}

type Draw = <T>(operation: () => Promise<T>) => Promise<T>;

/** The pages of a sync, each one fetched only once the budget gave it a call. */
async function* drawnPages(pages: AsyncIterable<SyncPage>, draw: Draw): AsyncGenerator<SyncPage> {
  const iterator = pages[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = await draw(() => iterator.next());
      if (next.done === true) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // A consumer that stops early (an aborted sync) lets the connector clean up its read.
    if (!finished) await iterator.return?.();
  }
}
