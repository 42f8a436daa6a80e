import type { Plugin, RecordScore } from '../../plugins/plugin.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import type { ScoreChange } from '../pipeline/pipeline-events.js';
import type { PropertyValue } from '../records/crm-record.js';

/**
 * Queues the scores whose values differ from what the CRM last got from us. Unchanged
 * values cost no API call: write-back is bounded by the CRM's quota, not by our speed.
 * Returns the changes queued, each with the values it replaces.
 */
export async function planWriteback(
  context: PipelineContext,
  plugin: Plugin,
  modelVersion: number,
  scores: readonly RecordScore[],
  scoredAt: string,
): Promise<ScoreChange[]> {
  const { store, connectionId } = context;
  const ids = scores.map((score) => score.recordId);
  const lastWritten = await store.outbox.lastWritten(
    connectionId,
    plugin.objectType,
    plugin.id,
    ids,
  );

  const changed = scores.filter((score) => {
    const previous = lastWritten.get(score.recordId);
    return previous === undefined || !sameValues(previous.values, score.values);
  });
  if (changed.length === 0) return [];

  await store.outbox.enqueueBatch(
    changed.map((score) => ({
      connectionId,
      objectType: plugin.objectType,
      recordId: score.recordId,
      pluginId: plugin.id,
      values: score.values,
      modelVersion,
      scoredAt,
    })),
  );
  return changed.map((score) => {
    const previous = lastWritten.get(score.recordId);
    return {
      pluginId: plugin.id,
      recordId: score.recordId,
      score: score.score,
      values: score.values,
      previous: previous === undefined ? null : { score: null, values: previous.values },
    };
  });
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
