import type { RemoveFieldsResult } from '../connector.js';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import type { HubSpotApi } from './hubspot-api.js';
import { readPropertyTypes } from './read-property-types.js';

const log = createLogger('connector.hubspot');

/**
 * Archives crm-ml's properties (uninstall) through `DELETE /crm/v3/properties/{type}/{name}`.
 * HubSpot archives rather than erases: a portal admin can restore a property for 90 days, and
 * its values come back with it. Properties that are not live are reported `missing`.
 */
export async function removeFields(
  api: HubSpotApi,
  objectType: ObjectType,
  names: readonly string[],
): Promise<RemoveFieldsResult> {
  const live = await readPropertyTypes(api, objectType);
  const removed: string[] = [];
  const missing: string[] = [];

  for (const name of new Set(names)) {
    if (!live.has(name)) {
      missing.push(name);
      continue;
    }
    try {
      await api.call(`DELETE /crm/v3/properties/${objectType}/${name}`, (client) =>
        client.crm.properties.coreApi.archiveWithHttpInfo(objectType, name),
      );
      removed.push(name);
    } catch (error) {
      // Archived by someone else between the list and this call: gone all the same.
      if (!(error instanceof CrmMlError && error.code === 'hubspot_not_found')) throw error;
      missing.push(name);
    }
  }

  log.info({ objectType, removed: removed.length, missing: missing.length }, 'fields archived');
  return { removed, missing };
}
