import type { ObjectType } from '../../core/records/crm-record.js';
import type { HubSpotApi } from './hubspot-api.js';
import { searchObjects } from './search-objects.js';

/** Live (not archived) records of one type: a filterless search of one result reports `total`. */
export async function countRecords(api: HubSpotApi, objectType: ObjectType): Promise<number> {
  const page = await searchObjects(api, objectType, {
    filters: [],
    properties: ['hs_object_id'],
    limit: 1,
  });
  return page.total;
}
