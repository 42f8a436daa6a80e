import type { Connector, ReadOptions, SyncPage } from '../connector.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import { countRecords } from './count-records.js';
import { fetchRecords } from './fetch-records.js';
import { readFullSync } from './full-sync.js';
import { cursorFieldFor, hubspotDescriptor } from './hubspot-descriptor.js';
import { HubSpotApi } from './hubspot-api.js';
import { readIncremental } from './incremental-sync.js';
import { readPropertyTypes } from './read-property-types.js';
import { provisionFields } from './provision-fields.js';
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

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 6;

/**
 * A connector for one HubSpot portal, built on the official @hubspot/api-client.
 *
 * @example
 * const hubspot = createHubSpotConnector({ accessToken: process.env.HUBSPOT_ACCESS_TOKEN! });
 * for await (const page of hubspot.read('contacts', null)) await store.save(page);
 */
export function createHubSpotConnector(options: HubSpotConnectorOptions): Connector {
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
    fetch: (objectType, ids, properties) => fetchRecords(api, objectType, ids, properties),
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
  const named = options.properties ?? [
    ...(await readPropertyTypes(api, objectType, signal)).keys(),
  ];
  // Sync positions itself on the last-modified property, so it is always requested.
  const properties = [...new Set([...named, cursorFieldFor(objectType)])];
  const request = signal === undefined ? { properties } : { properties, signal };

  if (cursor === null) {
    yield* readFullSync(api, objectType, request);
  } else if (cursor.after !== undefined) {
    yield* readFullSync(api, objectType, { ...request, resumeFrom: cursor });
  } else {
    yield* readIncremental(api, objectType, cursor, request);
  }
}
