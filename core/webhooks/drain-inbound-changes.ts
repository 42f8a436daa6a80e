import type { ChangedRecords } from '../pipeline/pipeline-jobs.js';
import type { PendingChange, Store } from '../store/index.js';

/**
 * Runs the connection for its pending changes and resolves once a run that started after they
 * arrived has succeeded; throws when it failed (the changes then stay pending). `changes`
 * names the records to read by id; undefined asks for an incremental sync instead.
 */
export type RunForChanges = (
  connectionId: string,
  changes: ChangedRecords | undefined,
) => Promise<void>;

/**
 * Past this many pending changes one incremental sync is cheaper than reading each record by
 * id, and a run is not handed an unbounded id list.
 */
export const MAX_CHANGES_BY_ID = 10_000;

/**
 * Handles a connection's stored inbound changes: one run that reads the changed records by
 * id and rescores those whose content changed (or, past `MAX_CHANGES_BY_ID`, an incremental
 * run), then the changes received before the run started are marked handled. Changes
 * arriving meanwhile stay pending for the next pass. Returns how many were handled.
 */
export async function drainInboundChanges(
  store: Store,
  connectionId: string,
  runForChanges: RunForChanges,
  clock: () => Date = () => new Date(),
): Promise<number> {
  // Taken before the run starts, so every change up to it is covered by the run's sync.
  const cutoff = clock().toISOString();
  const pending = await store.inboundChanges.pending(connectionId, MAX_CHANGES_BY_ID + 1);
  if (pending.length === 0) return 0;

  const byId = pending.length <= MAX_CHANGES_BY_ID;
  await runForChanges(connectionId, byId ? changedRecordsOf(pending) : undefined);
  return store.inboundChanges.markHandled(connectionId, cutoff, clock().toISOString());
}

/** The pending changes' record ids, by object type, each id once. */
export function changedRecordsOf(pending: readonly PendingChange[]): ChangedRecords {
  const ids = new Map<PendingChange['objectType'], Set<string>>();
  for (const change of pending) {
    const set = ids.get(change.objectType) ?? new Set<string>();
    set.add(change.recordId);
    ids.set(change.objectType, set);
  }
  return Object.fromEntries([...ids].map(([type, set]) => [type, [...set]]));
}
