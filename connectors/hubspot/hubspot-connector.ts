import type { Connector, ReadOptions, RemoveFieldsResult, SyncPage } from '../connector.js';
import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import { countRecords } from './count-records.js';
import { fetchRecords } from './fetch-records.js';
import { readFullSync } from './full-sync.js';
import { associationTypesFor, cursorFieldFor, hubspotDescriptor } from './hubspot-descriptor.js';
import { HubSpotApi } from './hubspot-api.js';
import { readIncremental } from './incremental-sync.js';
import { readPropertyTypes } from './read-property-types.js';
import { provisionFields } from './provision-fields.js';
import { readPortalId } from './read-portal-id.js';
import { removeFields } from './remove-fields.js';
import { attachAssociations } from './read-associations.js';
import { decodeCursor } from './sync-cursor.js';
import { writeRecords } from './write-records.js';

/** Settings of a HubSpot connector for one portal. */
export interface HubSpotConnectorOptions {
  /** A private-app token or an OAuth access token. */
  accessToken: string;
  /** Default https://api.hubapi.com; the sandbox URL in tests. */
  basePath?: string;
  /** Enables one token refresh when HubSpot answers 401. */
  oauth?: { clientId: string; clientSecret: string; refreshToken: string };
  /** Per call; default 30000. */
  requestTimeoutMs?: number;
  /** Attempts per call, default 6. */
  maxAttempts?: number;
  /** Injectable so tests record waits instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

/** The Connector contract plus uninstall, which HubSpot offers through its properties API. */
export interface HubSpotConnector extends Connector {
  /** Archives crm-ml's properties (uninstall); idempotent. */
  removeFields(objectType: ObjectType, names: readonly string[]): Promise<RemoveFieldsResult>;
  /** The portal (hub) id the token belongs to. */
  accountId(): Promise<string>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 6;

/**
 * A connector for one HubSpot portal, built on the official @hubspot/api-client.
 *
 * @example
 * const hubspot = createHubSpotConnector({ accessToken: process.env.HUBSPOT_ACCESS_TOKEN! });
 * for await (const page of hubspot.read('contacts', null)) await store.save(page);
 */
export function createHubSpotConnector(options: HubSpotConnectorOptions): HubSpotConnector {
  const api = new HubSpotApi({
    accessToken: options.accessToken,
    basePath: options.basePath ?? hubspotDescriptor.defaultBasePath,
    ...(options.oauth === undefined ? {} : { oauth: options.oauth }),
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  });

  return {
    descriptor: hubspotDescriptor,
    read: (objectType, cursor, readOptions = {}) => read(api, objectType, cursor, readOptions),
    count: (objectType) => countRecords(api, objectType),
    provisionFields: (objectType, fields) => provisionFields(api, objectType, fields),
    write: (objectType, updates) => writeRecords(api, objectType, updates),
    fetch: async (objectType, ids, properties) => {
      const records = await fetchRecords(api, objectType, ids, properties);
      await attachAssociations(api, objectType, records);
      return records;
    },
    readByIds: async (objectType, ids, readOptions = {}) => {
      const properties = await propertiesToRead(api, objectType, readOptions);
      const records = await fetchRecords(api, objectType, ids, properties);
      await attachAssociations(api, objectType, records, readOptions.signal);
      return records;
    },
    removeFields: (objectType, names) => removeFields(api, objectType, names),
    accountId: () => readPortalId(api),
    rateLimit: () => api.rateWindow(),
    callCounts: () => api.callCounts(),
    close: async () => api.close(),
  };
}

async function* read(
  api: HubSpotApi,
  objectType: ObjectType,
  cursorText: string | null,
  options: ReadOptions,
): AsyncGenerator<SyncPage> {
  const cursor = cursorText === null ? null : decodeCursor(cursorText);
  const signal = options.signal;
  const properties = await propertiesToRead(api, objectType, options);
  const request = signal === undefined ? { properties } : { properties, signal };

  // The list endpoint returns links in the same call; search does not, so incremental pages
  // get theirs from the v4 association batch read.
  const associations = associationTypesFor(objectType);
  const listed = associations.length === 0 ? request : { ...request, associations };

  if (cursor === null || cursor.after !== undefined) {
    const resume = cursor === null ? {} : { resumeFrom: cursor };
    for await (const page of readFullSync(api, objectType, { ...listed, ...resume })) {
      for (const record of page.records) withEmptyLinks(record, associations);
      yield page;
    }
  } else {
    for await (const page of readIncremental(api, objectType, cursor, request)) {
      await attachAssociations(api, objectType, page.records, signal);
      yield page;
    }
  }
}

// HubSpot leaves `associations` out of a listed record that has no links; an empty list says
// "read, none", so a link removed in HubSpot is removed from the stored record too.
function withEmptyLinks(record: CrmRecord, types: readonly ObjectType[]): void {
  if (types.length === 0) return;
  const links = { ...record.associations };
  for (const type of types) links[type] ??= [];
  record.associations = links;
}

/** The named properties, else every readable one; always the last-modified one sync sorts on. */
async function propertiesToRead(
  api: HubSpotApi,
  objectType: ObjectType,
  options: ReadOptions,
): Promise<string[]> {
  const named = options.properties ?? [
    ...(await readPropertyTypes(api, objectType, options.signal)).keys(),
  ];
  return [...new Set([...named, cursorFieldFor(objectType)])];
}
