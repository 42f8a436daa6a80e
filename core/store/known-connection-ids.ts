import type { Store } from './open-store.js';

/**
 * Every connection the store knows of: the stored connections (API, queued runs) and the ids
 * runs were recorded under, since an env-configured in-process `crm-ml run` records its runs
 * without a connection row. `status` and `doctor` both count these, so they agree.
 */
export async function knownConnectionIds(store: Store): Promise<string[]> {
  const stored = (await store.connections.list()).map((connection) => connection.id);
  return [...new Set([...stored, ...(await store.runs.connectionIds())])];
}
