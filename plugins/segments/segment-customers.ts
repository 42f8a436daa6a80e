import { parseNumber } from '../../core/csv/parse-number.js';
import type { OrderLine, OrderLineFields } from '../../core/ml/order-lines.js';
import { readOrderRecords } from '../../core/ml/order-lines.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { RelatedRecords } from '../plugin.js';
import { customerFeatures } from './customer-features.js';

/** Feature rows of the records that have orders, plus the order features' names. */
export interface SegmentInput {
  features: string[];
  rows: Map<string, (number | null)[]>;
  skipped: Record<string, number>;
}

/**
 * Builds each contact's features: RFM and tenure from its linked orders, then the named
 * numeric contact properties. Contacts without a purchase are left out.
 */
export function segmentInput(
  records: readonly CrmRecord[],
  related: RelatedRecords | undefined,
  fields: OrderLineFields,
  properties: readonly string[],
): SegmentInput {
  const read = readOrderRecords(related?.get('orders') ?? [], fields);
  return segmentInputFromLines(records, read.lines, properties, read.skipped);
}

/** As `segmentInput`, from order lines already read. */
export function segmentInputFromLines(
  records: readonly CrmRecord[],
  lines: readonly OrderLine[],
  properties: readonly string[],
  skipped: Record<string, number> = {},
): SegmentInput {
  const orders = customerFeatures(lines);
  const rows = new Map<string, (number | null)[]>();
  for (const record of records) {
    const values = orders.values.get(record.id);
    if (!values) continue;
    rows.set(record.id, [...values, ...properties.map((p) => numeric(record.properties[p]))]);
  }
  return { features: [...orders.features, ...properties], rows, skipped };
}

function numeric(value: string | number | boolean | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' ? parseNumber(value) : null;
}
