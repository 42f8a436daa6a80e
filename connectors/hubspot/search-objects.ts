import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';

import type { ObjectType } from '../../core/records/crm-record.js';
import type { HubSpotApi } from './hubspot-api.js';
import type { ErrorDetail } from '../../core/errors/crm-ml-error.js';
import {
  parseObjects,
  parsePayload,
  searchPageSchema,
  type HubSpotObject,
} from './hubspot-schemas.js';

export interface SearchFilter {
  propertyName: string;
  operator: 'EQ' | 'GT' | 'GTE' | 'LT';
  value: string;
}

/** A search body as HubSpot documents it (sorts are `{propertyName, direction}` objects). */
export interface SearchRequest {
  filters: readonly SearchFilter[];
  sort?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' };
  properties: readonly string[];
  limit: number;
}

/** One search answer: its usable records, and how many HubSpot sent (for paging decisions). */
export interface SearchPage {
  total: number;
  results: HubSpotObject[];
  problems: ErrorDetail[];
  received: number;
}

/** One search call; never pages with `after`, since search refuses to go past 10,000 results. */
export async function searchObjects(
  api: HubSpotApi,
  objectType: ObjectType,
  request: SearchRequest,
  signal?: AbortSignal,
): Promise<SearchPage> {
  const endpoint = `POST /crm/v3/objects/${objectType}/search`;
  const body = {
    filterGroups: request.filters.length === 0 ? [] : [{ filters: [...request.filters] }],
    sorts: request.sort === undefined ? [] : [request.sort],
    properties: [...request.properties],
    limit: request.limit,
  };

  // The client types `sorts` as string[] and filter operators as an enum it does not export
  // at runtime; its serializer passes both through unchanged, so the documented shape is sent.
  const searchBody = body as unknown as PublicObjectSearchRequest;
  const info = await api.call(
    endpoint,
    (client) => client.crm.objects.searchApi.doSearchWithHttpInfo(objectType, searchBody),
    signal === undefined ? { search: true } : { search: true, signal },
  );
  const page = parsePayload(searchPageSchema, info.data, endpoint);
  const { objects, problems } = parseObjects(page.results, endpoint);
  return { total: page.total, results: objects, problems, received: page.results.length };
}
