import type { Plugin } from '../../plugins/plugin.js';
import { decodeValues, type EncodedScores } from '../pipeline/encoded-scores.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import type { ScoreChange } from '../pipeline/pipeline-events.js';
import type { PropertyValue } from '../records/crm-record.js';

/** What `planWriteback` queued: how many, and the changes themselves when someone listens. */
export interface PlannedWrites {
  queued: number;
  /** Each queued change with the values it replaces; decodes them, so only for listeners. */
  changes(): ScoreChange[];
}

/**
 * Queues the scores whose values differ from what the CRM last got from us. Unchanged
 * values cost no API call: write-back is bounded by the CRM's quota, not by our speed.
 */
export async function planWriteback(
  context: PipelineContext,
  plugin: Plugin,
  modelVersion: number,
  batch: EncodedScores,
  scoredAt: string,
): Promise<PlannedWrites> {
  const { store, connectionId } = context;
  const { recordIds, values } = batch;
  const lastWritten = await store.outbox.lastWrittenEncoded(
    connectionId,
    plugin.objectType,
    plugin.id,
    recordIds,
  );

  // Both timestamps are `toISOString()` text, so they compare as strings.
  const at = new Date(scoredAt).toISOString();
  const changed: number[] = [];
  for (let i = 0; i < recordIds.length; i++) {
    const previous = lastWritten.get(recordIds[i] as string);
    if (previous === undefined) changed.push(i);
    // Values scored before what the CRM holds (another worker's later run) are never sent.
    else if (previous.scoredAt > at) continue;
    else if (!sameEncodedValues(previous.values, values[i] as string)) changed.push(i);
  }
  if (changed.length === 0) return { queued: 0, changes: () => [] };

  await store.outbox.enqueueBatch({
    connectionId,
    objectType: plugin.objectType,
    pluginId: plugin.id,
    modelVersion,
    scoredAt,
    recordIds: changed.map((i) => recordIds[i] as string),
    values: changed.map((i) => values[i] as string),
  });
  const changes = (): ScoreChange[] =>
    changed.map((i) => {
      const recordId = recordIds[i] as string;
      const previous = lastWritten.get(recordId);
      return {
        pluginId: plugin.id,
        recordId,
        score: batch.scores[i] as number,
        values: decodeValues(values[i] as string),
        previous:
          previous === undefined ? null : { score: null, values: decodeValues(previous.values) },
      };
    });
  return { queued: changed.length, changes };
}

// The same text is the same values; different text may still be (key order, a null field).
function sameEncodedValues(a: string, b: string): boolean {
  return a === b || sameValues(decodeValues(a), decodeValues(b));
}

function sameValues(
  a: Readonly<Record<string, PropertyValue>>,
  b: Readonly<Record<string, PropertyValue>>,
): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if ((a[key] ?? null) !== (b[key] ?? null)) return false;
  }
  return true;
}
