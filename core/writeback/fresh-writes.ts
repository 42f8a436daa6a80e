import type { OutboxRepository } from '../store/index.js';
import type { RecordWrite } from './merge-entries.js';

/**
 * The writes with only the entries that may still be sent, checked right before the call: an
 * entry superseded since it was read, or older than what the CRM last got from us, is left
 * out (and its claim released); a record left with no entry drops out of the batch.
 */
export async function freshWrites(
  outbox: OutboxRepository,
  writes: readonly RecordWrite[],
): Promise<RecordWrite[]> {
  const fresh = await outbox.stillFresh(writes.flatMap((write) => write.entries.map((e) => e.id)));
  return writes
    .map((write) => ({ ...write, entries: write.entries.filter((entry) => fresh.has(entry.id)) }))
    .filter((write) => write.entries.length > 0);
}
