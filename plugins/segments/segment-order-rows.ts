import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { readOrderRows, type OrderLineFields } from '../../core/ml/order-lines.js';
import { unreadableOrderColumn } from '../../core/ml/unreadable-order-column.js';
import { customerFeatures } from './customer-features.js';
import { fitSegments } from './fit-segments.js';
import { profileSegments, type SegmentsProfile } from './profile-segments.js';
import { SegmentsModel } from './segments-model.js';

export interface SegmentOrderRowsOptions {
  fields: OrderLineFields & { customer: string };
  /** A fixed number of segments; otherwise chosen in [2, 8] by silhouette. */
  k?: number;
  seed?: number;
}

/** The segments of an order file's customers: k, its silhouette, and each segment's profile. */
export interface OrderSegments {
  k: number;
  silhouette: number;
  /** Silhouette of every k tried, so the choice can be checked. */
  silhouettes: Record<string, number>;
  customers: number;
  skipped_rows: Record<string, number>;
  /** What the reader left out and why (lines dated after today), then why the segments look degenerate. */
  warnings: string[];
  profile: SegmentsProfile;
}

/**
 * Segments the customers of an order table (CSV rows) the way the plugin segments contacts:
 * RFM and tenure per customer, k-means with k by silhouette, readable names.
 */
export function segmentOrderRows(
  rows: readonly Record<string, string>[],
  options: SegmentOrderRowsOptions,
): OrderSegments {
  const read = readOrderRows(rows, options.fields);
  const unreadable = unreadableOrderColumn(read, options.fields);
  if (unreadable !== null) throw unreadable;
  const features = customerFeatures(read.lines);
  if (features.values.size < 2) {
    throw new CrmMlError(
      'segments_too_few_customers',
      `${features.values.size} customers have purchases; segments need at least 2`,
    );
  }

  const customers = features.values.size;
  if (options.k !== undefined && (options.k < 1 || options.k > customers)) {
    throw new CrmMlError(
      'segments_k_invalid',
      `k must be in [1, ${customers}] (the customers with purchases), got ${options.k}`,
      { details: [{ path: 'k', message: `at most ${customers}` }] },
    );
  }

  const state = fitSegments(features.values, features.features, {
    seed: options.seed ?? 42,
    kMin: 2,
    kMax: 8,
    ...(options.k === undefined ? {} : { k: options.k }),
  });
  const k = state.centroids.length;
  const silhouette = state.silhouettes[String(k)] ?? Number.NaN;
  const config = { version: 1, fields: options.fields, properties: [] };
  const model = new SegmentsModel(config, state, { k, silhouette });
  return {
    k,
    silhouette,
    silhouettes: state.silhouettes,
    customers: features.values.size,
    skipped_rows: read.skipped,
    warnings: [...read.warnings, ...(state.warnings ?? [])],
    profile: profileSegments(model),
  };
}
