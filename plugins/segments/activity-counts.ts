import type { CrmRecord, ObjectType, PropertyValue } from '../../core/records/crm-record.js';
import type { RelatedRecords } from '../plugin.js';

/** The activity types whose recent counts describe how engaged a customer is. */
export const ACTIVITY_TYPES = [
  'notes',
  'emails',
  'calls',
  'meetings',
] as const satisfies readonly ObjectType[];

/** How far back activity counts: a quarter, long enough to see a habit, short enough to be now. */
export const ACTIVITY_WINDOW_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

// HubSpot engagements carry hs_timestamp; other records their creation date.
const TIME_PROPERTIES = ['hs_timestamp', 'hs_createdate', 'createdate'];

/** Recent activity per customer: one feature per activity type that has records at all. */
export interface ActivityCounts {
  /** `notes_90d`, `emails_90d`, ...: only the types present in the data, in a fixed order. */
  features: string[];
  /** Customer id → counts in `features` order; customers without activity are absent. */
  values: Map<string, number[]>;
  /** The latest activity time (epoch ms), 0 when there is none. */
  latest: number;
}

/** The feature name of one activity type's count. */
export function activityFeature(type: string): string {
  return `${type}_${ACTIVITY_WINDOW_DAYS}d`;
}

/** The activity types present in `related`, in `ACTIVITY_TYPES` order. */
export function presentActivityTypes(related: RelatedRecords | undefined): ObjectType[] {
  return ACTIVITY_TYPES.filter((type) => (related?.get(type)?.length ?? 0) > 0);
}

/** The latest time of any live activity record in `related`, 0 when there is none. */
export function latestActivity(related: RelatedRecords | undefined): number {
  let latest = 0;
  for (const type of presentActivityTypes(related)) {
    for (const record of related?.get(type) ?? []) {
      if (!record.archived) latest = Math.max(latest, recordTime(record));
    }
  }
  return latest;
}

/**
 * Counts each customer's live notes, emails, calls and meetings (linked through
 * `associations.contacts`) written in the `ACTIVITY_WINDOW_DAYS` up to `reference`.
 */
export function activityCounts(
  related: RelatedRecords | undefined,
  reference: number,
): ActivityCounts {
  const types = presentActivityTypes(related);
  const since = reference - ACTIVITY_WINDOW_DAYS * DAY_MS;
  const values = new Map<string, number[]>();

  types.forEach((type, j) => {
    for (const record of related?.get(type) ?? []) {
      const time = recordTime(record);
      if (record.archived || time < since || time > reference) continue;
      for (const customer of new Set(record.associations?.contacts ?? [])) {
        let counts = values.get(customer);
        if (!counts) {
          counts = types.map(() => 0);
          values.set(customer, counts);
        }
        counts[j] = (counts[j] ?? 0) + 1;
      }
    }
  });
  return { features: types.map(activityFeature), values, latest: latestActivity(related) };
}

function recordTime(record: CrmRecord): number {
  for (const property of TIME_PROPERTIES) {
    const time = timeOf(record.properties[property] ?? null);
    if (time !== undefined) return time;
  }
  return timeOf(record.updatedAt) ?? 0;
}

function timeOf(value: PropertyValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  // Timestamps come both as ISO strings and as epoch milliseconds in a string.
  const time = /^\d{10,}$/.test(value.trim()) ? Number(value) : Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}
