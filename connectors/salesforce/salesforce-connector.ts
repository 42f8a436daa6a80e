import type { Connector } from '../connector.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import { realSleep, type Sleep } from '../shared/backoff.js';
import { ApiBudget, type ApiUsage } from './api-budget.js';
import type { ConnectorContext } from './connector-context.js';
import { countRecords } from './count-records.js';
import { DescribeCache } from './describe-cache.js';
import { fetchRecords } from './fetch-records.js';
import { ObjectMap } from './object-map.js';
import type { JwtBearerAuth, RefreshTokenAuth } from './oauth-token.js';
import { provisionFields } from './provision-fields.js';
import { readOrgId } from './read-org-id.js';
import { readRecords } from './read-records.js';
import { removeFields, type RemoveFieldsResult } from './remove-fields.js';
import { SalesforceApi } from './salesforce-api.js';
import { salesforceDescriptor } from './salesforce-descriptor.js';
import { SalesforceSession } from './salesforce-session.js';
import { decodeCursor } from './sync-cursor.js';
import { writeRecords } from './write-records.js';

/** Settings of a Salesforce connector for one org. */
export interface SalesforceConnectorOptions {
  /** `https://MyDomain.my.salesforce.com`; the sandbox URL in tests. */
  instanceUrl: string;
  /** A session id / OAuth access token; fetched through `refresh` or `jwt` when absent. */
  accessToken?: string;
  /** Pinned; default '62.0'. */
  apiVersion?: string;
  /** Refresh-token flow: used when the token expires mid-run (INVALID_SESSION_ID). */
  refresh?: RefreshTokenAuth;
  /** JWT bearer flow (server-to-server), signed RS256 with the connected app's key. */
  jwt?: JwtBearerAuth;
  /** sObject per object type, overriding the defaults (custom objects by configuration). */
  objects?: Partial<Record<ObjectType, string>>;
  /** Sync through Bulk API 2.0 above this many matching records; default 50,000. */
  bulkThreshold?: number;
  /** Records per Bulk API 2.0 result page; default 10,000. */
  bulkPageSize?: number;
  /** Write through Bulk API 2.0 above this many updates; default 2,000. */
  bulkIngestThreshold?: number;
  /** Stop before this share of the org's daily API allowance is used; default 0.8. */
  apiBudgetShare?: number;
  /** Per call; default 60000. */
  requestTimeoutMs?: number;
  /** Attempts per call for transient failures; default 5. */
  maxAttempts?: number;
  /** How long to wait for one bulk job; default 10 minutes. */
  bulkTimeoutMs?: number;
  /** Injectable so tests record waits instead of sleeping. */
  sleep?: Sleep;
}

/** The Connector contract plus what only Salesforce offers. */
export interface SalesforceConnector extends Connector {
  /** Deletes crm-ml's custom fields (uninstall). */
  removeFields(objectType: ObjectType, names: readonly string[]): Promise<RemoveFieldsResult>;
  /** The org's daily API usage as last reported, or null before the first call. */
  apiUsage(): ApiUsage | null;
  /** The 18-character id of the org the session belongs to. */
  accountId(): Promise<string>;
}

/**
 * A connector for one Salesforce org, built on @salesforce/core's Connection (REST, Bulk API
 * 2.0 and Tooling API).
 *
 * @example
 * const salesforce = createSalesforceConnector({
 *   instanceUrl: 'https://acme.my.salesforce.com',
 *   refresh: { clientId, clientSecret, refreshToken },
 * });
 * for await (const page of salesforce.read('contacts', null)) await store.save(page);
 */
export function createSalesforceConnector(
  options: SalesforceConnectorOptions,
): SalesforceConnector {
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const session = new SalesforceSession({
    instanceUrl: options.instanceUrl,
    apiVersion: options.apiVersion ?? salesforceDescriptor.defaultApiVersion,
    requestTimeoutMs,
    maxAttempts,
    sleep,
    ...(options.accessToken === undefined ? {} : { accessToken: options.accessToken }),
    ...(options.refresh === undefined ? {} : { refresh: options.refresh }),
    ...(options.jwt === undefined ? {} : { jwt: options.jwt }),
  });
  const budget = new ApiBudget(
    options.apiBudgetShare ?? salesforceDescriptor.defaultApiBudgetShare,
  );
  const api = new SalesforceApi({
    session,
    budget,
    requestTimeoutMs,
    maxAttempts,
    sleep,
  });
  const context: ConnectorContext = {
    api,
    describes: new DescribeCache(api),
    objects: new ObjectMap(options.objects),
    bulkThreshold: options.bulkThreshold ?? salesforceDescriptor.defaultBulkThreshold,
    bulkPageSize: options.bulkPageSize ?? 10_000,
    bulkIngestThreshold: options.bulkIngestThreshold ?? salesforceDescriptor.bulkIngestThreshold,
    bulkTimeoutMs: options.bulkTimeoutMs ?? 600_000,
    sleep,
  };

  return {
    descriptor: { ...salesforceDescriptor, objectTypes: context.objects.types() },
    read: (objectType, cursor, readOptions = {}) =>
      readRecords(context, objectType, cursor === null ? null : decodeCursor(cursor), readOptions),
    count: (objectType) => countRecords(context, objectType),
    provisionFields: (objectType, fields) => provisionFields(context, objectType, fields),
    write: (objectType, updates) => writeRecords(context, objectType, updates),
    fetch: (objectType, ids, properties) => fetchRecords(context, objectType, ids, properties),
    readByIds: (objectType, ids, readOptions = {}) =>
      fetchRecords(context, objectType, ids, readOptions.properties),
    removeFields: (objectType, names) => removeFields(context, objectType, names),
    apiUsage: () => budget.current(),
    rateLimit: () => budget.window(),
    accountId: () => readOrgId(api),
    close: async () => undefined,
  };
}
