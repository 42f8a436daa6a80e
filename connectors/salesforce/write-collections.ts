import type { WriteOutcome } from '../connector.js';
import { createLogger } from '../../core/logging/logger.js';
import { backoff } from '../shared/backoff.js';
import type { ConnectorContext } from './connector-context.js';
import { recordFailure } from './record-failure.js';
import { salesforceDescriptor } from './salesforce-descriptor.js';
import { parsePayload, saveResultsSchema, type ApiErrorItem } from './salesforce-schemas.js';
import type { SalesforceUpdate } from './to-salesforce-values.js';

const log = createLogger('connector.salesforce');

// Rows locked by another transaction usually free within seconds; two more tries, then the
// record is reported retryable for the next run.
const LOCK_RETRIES = 2;

/**
 * sObject Collections update, 200 records a call with `allOrNone: false`, so one bad record
 * never rolls back the others. Results come back in request order, one per record.
 */
export async function writeCollections(
  context: ConnectorContext,
  sObject: string,
  updates: readonly SalesforceUpdate[],
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  const size = salesforceDescriptor.writeBatchSize;
  for (let offset = 0; offset < updates.length; offset += size) {
    let batch = updates.slice(offset, offset + size);

    for (let attempt = 0; batch.length > 0; attempt += 1) {
      const results = await sendBatch(context, sObject, batch);
      const locked: SalesforceUpdate[] = [];
      results.forEach((outcome, index) => {
        const update = batch[index];
        if (update === undefined) return;
        if (!outcome.ok && outcome.code === 'salesforce_record_locked' && attempt < LOCK_RETRIES) {
          locked.push(update);
        } else {
          outcomes.push(outcome);
        }
      });

      if (locked.length > 0) {
        log.warn({ sObject, locked: locked.length, attempt }, 'Salesforce rows locked; retrying');
        await context.sleep(backoff(attempt + 1));
      }
      batch = locked;
    }
  }
  return outcomes;
}

async function sendBatch(
  context: ConnectorContext,
  sObject: string,
  batch: readonly SalesforceUpdate[],
): Promise<WriteOutcome[]> {
  const endpoint = 'PATCH /composite/sobjects';
  const records = batch.map((update) => ({
    attributes: { type: sObject },
    id: update.recordId,
    ...update.values,
  }));
  const { body } = await context.api.call(endpoint, {
    method: 'PATCH',
    url: '/composite/sobjects',
    body: { allOrNone: false, records },
  });

  const results = parsePayload(saveResultsSchema, body, endpoint);
  return batch.map((update, index): WriteOutcome => {
    const result = results[index];
    if (result === undefined) {
      return recordFailure(update.recordId, 'SERVER_UNAVAILABLE', 'no result for this record');
    }
    if (result.success) return { recordId: update.recordId, ok: true };
    const first = result.errors[0];
    const statusCode = first?.statusCode ?? first?.errorCode ?? 'UNKNOWN_ERROR';
    const message = result.errors.map(describeError).join('; ');
    return recordFailure(update.recordId, statusCode, `record ${update.recordId}: ${message}`);
  });
}

/** Salesforce's message with the fields it names, so a refused value can be traced. */
function describeError(error: ApiErrorItem): string {
  const fields = error.fields ?? [];
  const text = error.message ?? '';
  return fields.length > 0 ? `${text} (fields ${fields.join(', ')})` : text;
}
