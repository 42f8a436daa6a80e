import type { CrmRecord, ObjectType } from '../../../core/records/crm-record.js';
import type { RelatedRecords } from '../../../plugins/plugin.js';

/** The fixed "now" of the sentiment tests. */
export const NOW = Date.parse('2025-06-30T12:00:00Z');
const DAY_MS = 86_400_000;

/** An ISO time `days` before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW - days * DAY_MS).toISOString();
}

/** A contact record with no properties of interest. */
export function contact(id: string): CrmRecord {
  return { id, objectType: 'contacts', properties: {}, updatedAt: daysAgo(1), archived: false };
}

let nextId = 1;

/** A text record of `objectType` linked to `contacts`, written `days` ago. */
export function textRecord(
  objectType: ObjectType,
  contacts: string[],
  days: number,
  properties: Record<string, string>,
): CrmRecord {
  return {
    id: `${objectType}-${nextId++}`,
    objectType,
    properties: { ...properties, hs_timestamp: daysAgo(days) },
    updatedAt: daysAgo(0),
    archived: false,
    associations: { contacts },
  };
}

/** Groups text records by object type, the shape plugins receive as `related`. */
export function relatedOf(records: CrmRecord[]): RelatedRecords {
  const map = new Map<ObjectType, CrmRecord[]>();
  for (const record of records) {
    map.set(record.objectType, [...(map.get(record.objectType) ?? []), record]);
  }
  return map;
}
