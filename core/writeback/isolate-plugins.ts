import type { WriteOutcome } from '../../connectors/connector.js';
import type { RecordWrite } from './merge-entries.js';

/**
 * True when a refused update carried several plugins' values: the CRM refuses the whole
 * update for one bad value, so each plugin's values get sent on their own before any is
 * marked failed, and only the plugin whose value the CRM refuses loses its write.
 */
export function worthIsolating(write: RecordWrite, outcome: WriteOutcome): boolean {
  if (outcome.ok || outcome.retryable) return false;
  return new Set(write.entries.map((entry) => entry.pluginId)).size > 1;
}

/**
 * The round's writes with every isolated record cut down to one plugin's entries (the first
 * one queued); its other plugins' entries stay pending for the next rounds, so one round
 * still holds one update per record.
 */
export function onePluginForIsolated(
  writes: readonly RecordWrite[],
  isolated: ReadonlySet<string>,
  keyOf: (write: RecordWrite) => string,
): RecordWrite[] {
  return writes.map((write) => {
    const first = write.entries[0];
    if (!isolated.has(keyOf(write)) || first === undefined) return write;
    return { ...write, entries: write.entries.filter((e) => e.pluginId === first.pluginId) };
  });
}
