import type { PendingChange, Store } from '../store/index.js';

/**
 * Runs the connection for its pending changes and resolves once a run that started after they
 * arrived has succeeded; throws when it failed (the changes then stay pending).
 */
export type RunForChanges = (
  connectionId: string,
  changes: readonly PendingChange[],
) => Promise<void>;

/**
 * Handles a connection's stored inbound changes: one incremental run (its sync reads what
 * changed since the cursor, and scoring covers the records that sync brought in, the
 * changed ones), then the changes received before the run started are marked handled.
 * Changes arriving meanwhile stay pending for the next pass. Returns how many were handled.
 */
export async function drainInboundChanges(
  store: Store,
  connectionId: string,
  runForChanges: RunForChanges,
  clock: () => Date = () => new Date(),
): Promise<number> {
  // Taken before the run starts, so every change up to it is covered by the run's sync.
  const cutoff = clock().toISOString();
  const pending = await store.inboundChanges.pending(connectionId);
  if (pending.length === 0) return 0;

  await runForChanges(connectionId, pending);
  return store.inboundChanges.markHandled(connectionId, cutoff, clock().toISOString());
}
