import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import { associationTypesFor, hubspotDescriptor } from './hubspot-descriptor.js';
import type { HubSpotApi } from './hubspot-api.js';
import { associationBatchSchema, parsePayload } from './hubspot-schemas.js';

/**
 * Fills `associations` of records read where HubSpot sends no links: search and batch read
 * answer with plain objects (no `associations` parameter), so their links come from the v4
 * association batch read, 1,000 records a call. Records with no link get an empty list, so a
 * link removed in HubSpot is removed here too.
 */
export async function attachAssociations(
  api: HubSpotApi,
  objectType: ObjectType,
  records: readonly CrmRecord[],
  signal?: AbortSignal,
): Promise<void> {
  const toTypes = associationTypesFor(objectType);
  if (toTypes.length === 0 || records.length === 0) return;

  for (const toType of toTypes) {
    const linked = await readAssociations(
      api,
      objectType,
      records.map((record) => record.id),
      toType,
      signal,
    );
    for (const record of records) {
      record.associations = { ...record.associations, [toType]: linked.get(record.id) ?? [] };
    }
  }
}

/** Linked `toType` ids per record id; ids without links are absent (HubSpot answers 207). */
export async function readAssociations(
  api: HubSpotApi,
  fromType: ObjectType,
  ids: readonly string[],
  toType: ObjectType,
  signal?: AbortSignal,
): Promise<Map<string, string[]>> {
  const endpoint = `POST /crm/v4/associations/${fromType}/${toType}/batch/read`;
  const linked = new Map<string, string[]>();
  const size = hubspotDescriptor.associationBatchSize;

  for (let offset = 0; offset < ids.length; offset += size) {
    const inputs = ids.slice(offset, offset + size).map((id) => ({ id }));
    const info = await api.call(
      endpoint,
      (client) =>
        client.crm.associations.v4.batchApi.getPageWithHttpInfo(fromType, toType, { inputs }),
      signal === undefined ? {} : { signal },
    );
    // A record with more links than one answer holds carries `paging`; crm-ml reads the first
    // page only (HubSpot sends up to 500 links per record), enough for a customer's owner.
    const { results } = parsePayload(associationBatchSchema, info.data, endpoint);
    for (const result of results) {
      const ids = linked.get(result.fromId) ?? [];
      ids.push(...result.to.map((to) => to.toObjectId));
      linked.set(result.fromId, [...new Set(ids)]);
    }
  }
  return linked;
}
