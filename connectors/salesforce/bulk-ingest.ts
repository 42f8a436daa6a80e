import type { WriteOutcome } from '../connector.js';
import type { PropertyValue } from '../../core/records/crm-record.js';
import { toPlainDecimal } from '../shared/plain-decimal.js';
import { waitForJob } from './bulk-job.js';
import { parseCsv } from './bulk-query.js';
import type { ConnectorContext } from './connector-context.js';
import { failure, recordFailure } from './record-failure.js';
import { jobInfoSchema, parsePayload } from './salesforce-schemas.js';
import type { SalesforceUpdate } from './to-salesforce-values.js';

// Bulk API 2.0 ingest leaves an empty cell unchanged; this marker sets the field to null.
const NULL_MARKER = '#N/A';

/**
 * Bulk API 2.0 update job: create, upload one CSV, close, poll, then read the successful,
 * failed and unprocessed records. Every update gets exactly one outcome; one the job never
 * mentions is reported retryable. Locked rows are not retried inside the job: they come back
 * retryable, for the next run.
 */
export async function writeBulk(
  context: ConnectorContext,
  sObject: string,
  updates: readonly SalesforceUpdate[],
): Promise<WriteOutcome[]> {
  const api = context.api;
  const created = await api.call('POST /jobs/ingest', {
    method: 'POST',
    url: '/jobs/ingest',
    body: { object: sObject, operation: 'update', contentType: 'CSV', lineEnding: 'LF' },
  });
  const jobId = parsePayload(jobInfoSchema, created.body, 'POST /jobs/ingest').id;

  await api.call(`PUT /jobs/ingest/${jobId}/batches`, {
    method: 'PUT',
    url: `/jobs/ingest/${jobId}/batches`,
    body: toCsv(updates),
    contentType: 'text/csv',
  });
  await api.call(`PATCH /jobs/ingest/${jobId}`, {
    method: 'PATCH',
    url: `/jobs/ingest/${jobId}`,
    body: { state: 'UploadComplete' },
  });
  await waitForJob(api, 'ingest', jobId, {
    sleep: context.sleep,
    timeoutMs: context.bulkTimeoutMs,
  });

  const outcomes = new Map<string, WriteOutcome>();
  for (const row of await results(context, jobId, 'successfulResults')) {
    const id = row['sf__Id'] ?? row['Id'] ?? '';
    outcomes.set(id, { recordId: id, ok: true });
  }
  for (const row of await results(context, jobId, 'failedResults')) {
    const id = row['Id'] || row['sf__Id'] || '';
    outcomes.set(id, toFailure(id, row['sf__Error'] ?? ''));
  }
  for (const row of await results(context, jobId, 'unprocessedrecords')) {
    const id = row['Id'] ?? '';
    const message = 'the bulk job ended before processing this record';
    outcomes.set(id, failure(id, 'salesforce_not_processed', message, true));
  }

  return updates.map(
    (update) =>
      outcomes.get(update.recordId) ??
      failure(update.recordId, 'salesforce_not_processed', 'missing from the job results', true),
  );
}

async function results(
  context: ConnectorContext,
  jobId: string,
  kind: string,
): Promise<Record<string, string>[]> {
  const endpoint = `GET /jobs/ingest/${jobId}/${kind}`;
  const { body } = await context.api.call(endpoint, {
    method: 'GET',
    url: `/jobs/ingest/${jobId}/${kind}`,
    text: true,
  });
  return parseCsv(body, endpoint);
}

/** `sf__Error` reads `STATUS_CODE:message:fields`. */
function toFailure(recordId: string, error: string): WriteOutcome {
  const separator = error.indexOf(':');
  const statusCode = separator < 0 ? error : error.slice(0, separator);
  const message = separator < 0 ? error : error.slice(separator + 1);
  return recordFailure(recordId, statusCode || 'UNKNOWN_ERROR', `record ${recordId}: ${message}`);
}

/** RFC 4180 CSV with an `Id` column and one column per field any update sets. */
export function toCsv(updates: readonly SalesforceUpdate[]): string {
  const columns = [...new Set(updates.flatMap((update) => Object.keys(update.values)))];
  const lines = [['Id', ...columns].map(quote).join(',')];
  for (const update of updates) {
    const cells = columns.map((column) =>
      column in update.values ? csvValue(update.values[column] ?? null) : '',
    );
    lines.push([quote(update.recordId), ...cells.map(quote)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function csvValue(value: PropertyValue): string {
  // Salesforce stores no empty strings: '' and null both clear the field.
  if (value === null || value === '') return NULL_MARKER;
  if (typeof value === 'number') return toPlainDecimal(value);
  return String(value);
}

function quote(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
