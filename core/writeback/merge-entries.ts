import type { FieldUpdate } from '../../connectors/connector.js';
import type { ObjectType } from '../records/crm-record.js';
import type { OutboxEntry } from '../store/index.js';
import { MODEL_VERSION_FIELD, SCORED_AT_FIELD } from './own-fields.js';

/** The pending entries of one record, written as one update and marked by its one outcome. */
export interface RecordWrite {
  objectType: ObjectType;
  recordId: string;
  entries: OutboxEntry[];
}

/**
 * Groups entries by record, in the order records first appear. CRMs refuse a batch naming one
 * record twice (HubSpot answers 400 "Duplicate IDs found in batch input"), so every plugin's
 * values for a record travel in one update.
 */
export function mergeByRecord(entries: readonly OutboxEntry[]): RecordWrite[] {
  const writes = new Map<string, RecordWrite>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.objectType, entry.recordId]);
    const write = writes.get(key) ?? {
      objectType: entry.objectType,
      recordId: entry.recordId,
      entries: [],
    };
    write.entries.push(entry);
    writes.set(key, write);
  }
  return [...writes.values()];
}

/**
 * One record's update: every plugin's values, the latest scoring time, and the model version
 * of each plugin behind the record's values (`others`: plugins not in this write, with the
 * version the CRM last got from them), e.g. `churn v3, segments v1`.
 */
export function toFieldUpdate(
  write: RecordWrite,
  others: ReadonlyMap<string, number> = new Map(),
): FieldUpdate {
  const values: FieldUpdate['values'] = {};
  const versions = new Map(others);
  let scoredAt = '';
  for (const entry of write.entries) {
    Object.assign(values, entry.values);
    versions.set(entry.pluginId, entry.modelVersion);
    if (entry.scoredAt > scoredAt) scoredAt = entry.scoredAt;
  }

  const described = [...versions]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pluginId, version]) => `${pluginId} v${version}`)
    .join(', ');
  return {
    recordId: write.recordId,
    values: { ...values, [SCORED_AT_FIELD]: scoredAt, [MODEL_VERSION_FIELD]: described },
  };
}
