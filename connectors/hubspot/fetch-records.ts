import type { BatchReadInputSimplePublicObjectId } from './hubspot-batch-types.js';

import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import { hubspotDescriptor } from './hubspot-descriptor.js';
import type { HubSpotApi } from './hubspot-api.js';
import { batchResponseSchema, parsePayload } from './hubspot-schemas.js';
import { toCrmRecord } from './to-crm-record.js';

/**
 * Reads records by id, 100 a call (POST batch/read). Ids HubSpot does not know come back as
 * 207 errors and are simply absent from the result.
 */
export async function fetchRecords(
  api: HubSpotApi,
  objectType: ObjectType,
  ids: readonly string[],
  properties: readonly string[],
): Promise<CrmRecord[]> {
  const endpoint = `POST /crm/v3/objects/${objectType}/batch/read`;
  const records: CrmRecord[] = [];
  const unique = [...new Set(ids)];

  for (let offset = 0; offset < unique.length; offset += hubspotDescriptor.writeBatchSize) {
    const chunk = unique.slice(offset, offset + hubspotDescriptor.writeBatchSize);
    const body: BatchReadInputSimplePublicObjectId = {
      inputs: chunk.map((id) => ({ id })),
      properties: [...properties],
      propertiesWithHistory: [],
    };
    const info = await api.call(endpoint, (client) =>
      client.crm.objects.batchApi.readWithHttpInfo(objectType, body, false),
    );
    const { results } = parsePayload(batchResponseSchema, info.data, endpoint);
    records.push(...results.map((object) => toCrmRecord(objectType, object)));
  }
  return records;
}
