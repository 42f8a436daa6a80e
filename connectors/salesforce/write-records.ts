import type { FieldUpdate, WriteOutcome } from '../connector.js';
import { createLogger } from '../../core/logging/logger.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import { writeBulk } from './bulk-ingest.js';
import type { ConnectorContext } from './connector-context.js';
import { toSalesforceUpdates } from './to-salesforce-values.js';
import { writeCollections } from './write-collections.js';

const log = createLogger('connector.salesforce');

/**
 * Writes field values: sObject Collections for ordinary deltas, a Bulk API 2.0 ingest job
 * above `bulkIngestThreshold` updates (one job costs a handful of calls instead of one per
 * 200 records). Per-record failures are outcomes; only a failed call throws.
 */
export async function writeRecords(
  context: ConnectorContext,
  objectType: ObjectType,
  updates: readonly FieldUpdate[],
): Promise<WriteOutcome[]> {
  const sObject = context.objects.sObjectFor(objectType);
  const { valid, refused } = toSalesforceUpdates(updates);
  const bulk = valid.length > context.bulkIngestThreshold;

  const written = bulk
    ? await writeBulk(context, sObject, valid)
    : await writeCollections(context, sObject, valid);
  const outcomes = [...refused, ...written];

  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  log.info({ objectType, records: updates.length, failed, bulk }, 'Salesforce write done');
  return outcomes;
}
