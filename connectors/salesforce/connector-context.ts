import type { Sleep } from '../shared/backoff.js';
import type { DescribeCache } from './describe-cache.js';
import type { ObjectMap } from './object-map.js';
import type { SalesforceApi } from './salesforce-api.js';

/** What every operation of one Salesforce connector shares. */
export interface ConnectorContext {
  api: SalesforceApi;
  describes: DescribeCache;
  objects: ObjectMap;
  /** A sync with more matching records than this reads through a Bulk API 2.0 query job. */
  bulkThreshold: number;
  /** Records per Bulk API 2.0 result page (`maxRecords`). */
  bulkPageSize: number;
  /** A write with more updates than this goes through a Bulk API 2.0 ingest job. */
  bulkIngestThreshold: number;
  /** How long to wait for a bulk job before giving up (it keeps running in Salesforce). */
  bulkTimeoutMs: number;
  sleep: Sleep;
}
