import type { ObjectType } from '../../core/records/crm-record.js';
import type { HubSpotApi } from './hubspot-api.js';
import { namedListSchema, parsePayload } from './hubspot-schemas.js';

/** Every property the portal defines for one object type, as `name → type`. */
export async function readPropertyTypes(
  api: HubSpotApi,
  objectType: ObjectType,
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const endpoint = `GET /crm/v3/properties/${objectType}`;
  const info = await api.call(
    endpoint,
    (client) => client.crm.properties.coreApi.getAllWithHttpInfo(objectType, false),
    signal === undefined ? {} : { signal },
  );

  const { results } = parsePayload(namedListSchema, info.data, endpoint);
  return new Map(results.map((property) => [property.name, property.type ?? 'unknown']));
}
