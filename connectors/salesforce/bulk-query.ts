import { parse } from 'csv-parse/sync';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { waitForJob, type PollOptions } from './bulk-job.js';
import type { SalesforceApi } from './salesforce-api.js';
import { salesforceDescriptor } from './salesforce-descriptor.js';
import { jobInfoSchema, parsePayload } from './salesforce-schemas.js';

export interface BulkQueryOptions extends PollOptions {
  /** Records per result page (`maxRecords`); Salesforce may send fewer. */
  pageSize: number;
}

/**
 * Runs a SOQL query as a Bulk API 2.0 query job and yields its CSV result pages as rows.
 *
 * The pages are fetched here with plain GETs that pass `locator` along until Salesforce's
 * `Sforce-Locator` header says the string 'null'. jsforce's own result stream pipes every page
 * into one stream and crashes the process when there is more than one (jsforce#1546), which no
 * try/catch can stop, so it is never used.
 */
export async function* bulkQueryPages(
  api: SalesforceApi,
  soql: string,
  options: BulkQueryOptions,
): AsyncGenerator<Record<string, string>[]> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const created = await api.call('POST /jobs/query', {
    method: 'POST',
    url: '/jobs/query',
    body: { operation: 'query', query: soql, contentType: 'CSV', lineEnding: 'LF' },
    ...signal,
  });
  const job = parsePayload(jobInfoSchema, created.body, 'POST /jobs/query');
  await waitForJob(api, 'query', job.id, options);

  const endpoint = `GET /jobs/query/${job.id}/results`;
  let locator: string | null = null;
  const seen = new Set<string>();
  for (;;) {
    const query = new URLSearchParams({ maxRecords: String(options.pageSize) });
    if (locator !== null) query.set('locator', locator);
    const { body, headers } = await api.call(endpoint, {
      method: 'GET',
      url: `/jobs/query/${job.id}/results?${query.toString()}`,
      text: true,
      ...signal,
    });
    yield parseCsv(body, endpoint);

    const next = headers[salesforceDescriptor.bulkLocatorHeader];
    if (next === undefined || next === '' || next === 'null') return;
    if (seen.has(next)) {
      throw new CrmMlError(
        'salesforce_unexpected_payload',
        `Salesforce ${endpoint} handed out locator ${next} twice`,
      );
    }
    seen.add(next);
    locator = next;
  }
}

/** Bulk API 2.0 CSV: a header row, RFC 4180 quoting, LF line ends. */
export function parseCsv(body: unknown, endpoint: string): Record<string, string>[] {
  if (body === undefined || body === null || body === '') return [];
  if (typeof body !== 'string') {
    throw new CrmMlError(
      'salesforce_unexpected_payload',
      `Salesforce ${endpoint} answered ${typeof body} where CSV text was expected`,
    );
  }
  return parse(body, { columns: true, skip_empty_lines: true, relax_column_count: false });
}
