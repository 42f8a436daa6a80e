import type { ObjectType } from '../../core/records/crm-record.js';
import { hubspotDescriptor } from './hubspot-descriptor.js';
import type { HubSpotApi } from './hubspot-api.js';
import { listObjects } from './list-objects.js';

/**
 * Ids of records archived at or after `sinceMs`, from the list endpoint with `archived=true`.
 * Search never returns archived records, so this is the only way incremental sync sees deletes.
 * HubSpot keeps archived records for 90 days; the list is read whole and filtered here.
 */
export async function readArchivedIdsSince(
  api: HubSpotApi,
  objectType: ObjectType,
  sinceMs: number,
  signal?: AbortSignal,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;

  for (;;) {
    const { page } = await listObjects(api, objectType, {
      limit: hubspotDescriptor.readPageSize,
      archived: true,
      ...(after === undefined ? {} : { after }),
      ...(signal === undefined ? {} : { signal }),
    });

    for (const object of page.results) {
      // Without archivedAt the time is unknown: report it, a repeated delete is harmless.
      const archivedAt = object.archivedAt ?? object.updatedAt;
      if (archivedAt === undefined || archivedAt.getTime() >= sinceMs) ids.push(object.id);
    }

    const next = page.paging?.next?.after;
    if (next === undefined || next === after) return ids;
    after = next;
  }
}
