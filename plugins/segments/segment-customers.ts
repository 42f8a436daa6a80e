import { parseNumber } from '../../core/csv/parse-number.js';
import type { OrderLine, OrderLineFields } from '../../core/ml/order-lines.js';
import { readOrderRecords } from '../../core/ml/order-lines.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { RelatedRecords } from '../plugin.js';
import { activityCounts, latestActivity } from './activity-counts.js';
import { customerFeatures, latestTime } from './customer-features.js';

/** Feature rows of the records that have orders, plus the order features' names. */
export interface SegmentInput {
  features: string[];
  rows: Map<string, (number | null)[]>;
  skipped: Record<string, number>;
}

/**
 * Builds each contact's features: RFM and tenure from its linked orders, its notes, emails,
 * calls and meetings of the last 90 days (one count per type present in `related`), then the
 * named numeric contact properties. Contacts without a purchase are left out.
 */
export function segmentInput(
  records: readonly CrmRecord[],
  related: RelatedRecords | undefined,
  fields: OrderLineFields,
  properties: readonly string[],
): SegmentInput {
  const read = readOrderRecords(related?.get('orders') ?? [], fields);
  return segmentInputFromLines(records, read.lines, properties, read.skipped, related);
}

/** As `segmentInput`, from order lines already read. */
export function segmentInputFromLines(
  records: readonly CrmRecord[],
  lines: readonly OrderLine[],
  properties: readonly string[],
  skipped: Record<string, number> = {},
  related?: RelatedRecords,
): SegmentInput {
  // The data's "now": its latest order or activity, so activity after the last order counts.
  const reference = Math.max(latestTime(lines), latestActivity(related));
  const orders = customerFeatures(lines, reference);
  const activity = activityCounts(related, reference);
  const noActivity = activity.features.map(() => 0);

  const rows = new Map<string, (number | null)[]>();
  for (const record of records) {
    const values = orders.values.get(record.id);
    if (!values) continue;
    rows.set(record.id, [
      ...values,
      ...(activity.values.get(record.id) ?? noActivity),
      ...properties.map((p) => numeric(record.properties[p])),
    ]);
  }
  return { features: [...orders.features, ...activity.features, ...properties], rows, skipped };
}

function numeric(value: string | number | boolean | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' ? parseNumber(value) : null;
}
