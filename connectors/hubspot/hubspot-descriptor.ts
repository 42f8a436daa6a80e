import type { ConnectorDescriptor } from '../connector.js';
import type { ObjectType } from '../../core/records/crm-record.js';

/** HubSpot facts beyond the shared descriptor: limits and header names, kept as data. */
export interface HubSpotDescriptor extends ConnectorDescriptor {
  defaultBasePath: string;
  /** Largest `limit` the search endpoint accepts. */
  searchPageSize: number;
  /** Search refuses to page past this many results for one query. */
  searchResultCap: number;
  /** Search has its own per-token limit and sends no rate-limit headers. */
  searchRequestsPerSecond: number;
  /** Contacts name their last-modified property differently from every other object. */
  cursorFieldByType: Partial<Record<ObjectType, string>>;
  defaultCursorField: string;
  /**
   * Per object type, the types whose linked ids sync reads into `CrmRecord.associations`:
   * engagements and commerce objects find their customer through these.
   */
  associationsByType: Partial<Record<ObjectType, readonly ObjectType[]>>;
  /** Largest `inputs` of a v4 association batch read. */
  associationBatchSize: number;
  /** The property group that holds every field crm-ml writes. */
  propertyGroup: { name: string; label: string };
  rateLimitHeaders: {
    remaining: string;
    max: string;
    intervalMs: string;
    dailyRemaining: string;
    daily: string;
  };
}

/** What crm-ml knows about HubSpot's CRM v3 API, as data. */
export const hubspotDescriptor: HubSpotDescriptor = Object.freeze<HubSpotDescriptor>({
  id: 'hubspot',
  label: 'HubSpot',
  // Leads and meetings are Salesforce's (Lead, Event); HubSpot's need scopes crm-ml does not ask for.
  objectTypes: [
    'contacts',
    'companies',
    'deals',
    'line_items',
    'tickets',
    'notes',
    'emails',
    'calls',
    'orders',
  ],
  readPageSize: 100,
  writeBatchSize: 100,
  cursorField: 'lastmodifieddate',
  // Private apps on Professional/Enterprise: 190 per 10 s; the headers correct it per portal.
  requestBudget: { max: 190, intervalMs: 10_000 },
  defaultBasePath: 'https://api.hubapi.com',
  searchPageSize: 200,
  searchResultCap: 10_000,
  searchRequestsPerSecond: 5,
  cursorFieldByType: { contacts: 'lastmodifieddate' },
  defaultCursorField: 'hs_lastmodifieddate',
  associationsByType: {
    // A company's people and a deal's people tie customers together (network,
    // next-best-action); read from their side, so contact pages cost no extra call.
    companies: ['contacts'],
    deals: ['contacts'],
    orders: ['contacts'],
    line_items: ['contacts'],
    notes: ['contacts'],
    emails: ['contacts'],
    calls: ['contacts'],
    tickets: ['contacts'],
  },
  associationBatchSize: 1_000,
  propertyGroup: { name: 'crm_ml', label: 'crm-ml' },
  rateLimitHeaders: {
    remaining: 'x-hubspot-ratelimit-remaining',
    max: 'x-hubspot-ratelimit-max',
    intervalMs: 'x-hubspot-ratelimit-interval-milliseconds',
    dailyRemaining: 'x-hubspot-ratelimit-daily-remaining',
    daily: 'x-hubspot-ratelimit-daily',
  },
});

/** The last-modified property search filters and sorts on for one object type. */
export function cursorFieldFor(objectType: ObjectType): string {
  return hubspotDescriptor.cursorFieldByType[objectType] ?? hubspotDescriptor.defaultCursorField;
}

/** The object types whose links sync reads for `objectType`; empty for most. */
export function associationTypesFor(objectType: ObjectType): readonly ObjectType[] {
  return hubspotDescriptor.associationsByType[objectType] ?? [];
}
