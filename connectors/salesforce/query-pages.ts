import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { SalesforceApi } from './salesforce-api.js';
import { parsePayload, queryResultSchema, type WireRecord } from './salesforce-schemas.js';

export interface QueryOptions {
  /** `queryAll` also returns deleted records still in the recycle bin. */
  includeDeleted?: boolean;
  /** Query the Tooling API (CustomField, EntityLimit) instead of data. */
  tooling?: boolean;
  signal?: AbortSignal;
}

/**
 * Runs a SOQL query through REST and yields its batches, following every `nextRecordsUrl`
 * exactly as Salesforce sent it. Salesforce picks the batch size (up to 2,000, fewer for wide
 * records), so callers must not assume one.
 */
export async function* queryPages(
  api: SalesforceApi,
  soql: string,
  options: QueryOptions = {},
): AsyncGenerator<WireRecord[]> {
  const resource = options.includeDeleted === true ? 'queryAll' : 'query';
  const root = options.tooling === true ? '/tooling' : '';
  let url: string | undefined = `${root}/${resource}?q=${encodeURIComponent(soql)}`;
  let previous: string | undefined;

  while (url !== undefined) {
    const endpoint: string = previous === undefined ? `GET ${root}/${resource}` : `GET ${url}`;
    const { body } = await api.call(endpoint, {
      method: 'GET',
      url,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const page: { done: boolean; nextRecordsUrl?: string | undefined; records: WireRecord[] } =
      parsePayload(queryResultSchema, body, endpoint);
    yield page.records;

    if (page.done || page.nextRecordsUrl === undefined) return;
    if (page.nextRecordsUrl === url) {
      throw new CrmMlError(
        'salesforce_unexpected_payload',
        `Salesforce ${endpoint} returned its own URL as nextRecordsUrl`,
      );
    }
    previous = url;
    url = page.nextRecordsUrl;
  }
}

/** `SELECT COUNT() FROM …` answers with `totalSize` and no records. */
export async function countQuery(
  api: SalesforceApi,
  soql: string,
  signal?: AbortSignal,
): Promise<number> {
  const endpoint = 'GET /query (COUNT)';
  const { body } = await api.call(endpoint, {
    method: 'GET',
    url: `/query?q=${encodeURIComponent(soql)}`,
    ...(signal === undefined ? {} : { signal }),
  });
  return parsePayload(queryResultSchema, body, endpoint).totalSize;
}
