import type {
  PropertyCreate,
  PropertyGroupCreate,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';

import type { FieldSpec, ProvisionResult } from '../connector.js';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import { hubspotDescriptor } from './hubspot-descriptor.js';
import type { HubSpotApi } from './hubspot-api.js';
import { namedListSchema, parsePayload } from './hubspot-schemas.js';
import { readPropertyTypes } from './read-property-types.js';

const log = createLogger('connector.hubspot');

/** HubSpot's (type, fieldType) pair for each crm-ml field type. */
const HUBSPOT_TYPES: Record<FieldSpec['type'], { type: string; fieldType: string }> = {
  number: { type: 'number', fieldType: 'number' },
  string: { type: 'string', fieldType: 'text' },
  text: { type: 'string', fieldType: 'textarea' },
  enumeration: { type: 'enumeration', fieldType: 'select' },
  datetime: { type: 'datetime', fieldType: 'date' },
};

/**
 * Creates the `crm_ml` property group and every missing field, reading what exists first.
 * A 409 means a concurrent run created it in between, which counts as existing.
 */
export async function provisionFields(
  api: HubSpotApi,
  objectType: ObjectType,
  fields: readonly FieldSpec[],
): Promise<ProvisionResult> {
  await ensureGroup(api, objectType);
  const existingTypes = await readPropertyTypes(api, objectType);
  const created: string[] = [];
  const existing: string[] = [];

  for (const field of fields) {
    const hubspotType = HUBSPOT_TYPES[field.type];
    const currentType = existingTypes.get(field.name);
    if (currentType !== undefined) {
      if (currentType !== hubspotType.type) {
        log.warn(
          { objectType, field: field.name, currentType, wanted: hubspotType.type },
          'HubSpot property exists with another type; leaving it as it is',
        );
      }
      existing.push(field.name);
      continue;
    }

    const wasCreated = await createIgnoringConflict(
      api,
      `POST /crm/v3/properties/${objectType}`,
      (client) => client.crm.properties.coreApi.createWithHttpInfo(objectType, toCreate(field)),
    );
    (wasCreated ? created : existing).push(field.name);
  }

  log.info(
    { objectType, created: created.length, existing: existing.length },
    'HubSpot fields provisioned',
  );
  return { created, existing };
}

async function ensureGroup(api: HubSpotApi, objectType: ObjectType): Promise<void> {
  const endpoint = `GET /crm/v3/properties/${objectType}/groups`;
  const info = await api.call(endpoint, (client) =>
    client.crm.properties.groupsApi.getAllWithHttpInfo(objectType),
  );
  const { results } = parsePayload(namedListSchema, info.data, endpoint);
  const group = hubspotDescriptor.propertyGroup;
  if (results.some((existing) => existing.name === group.name)) return;

  const body: PropertyGroupCreate = { name: group.name, label: group.label };
  await createIgnoringConflict(api, `POST /crm/v3/properties/${objectType}/groups`, (client) =>
    client.crm.properties.groupsApi.createWithHttpInfo(objectType, body),
  );
}

/** True when created, false when HubSpot says it already exists (409). */
async function createIgnoringConflict(
  api: HubSpotApi,
  endpoint: string,
  invoke: Parameters<HubSpotApi['call']>[1],
): Promise<boolean> {
  try {
    await api.call(endpoint, invoke);
    return true;
  } catch (error) {
    if (error instanceof CrmMlError && error.code === 'hubspot_conflict') return false;
    throw error;
  }
}

function toCreate(field: FieldSpec): PropertyCreate {
  const { type, fieldType } = HUBSPOT_TYPES[field.type];
  const body = {
    name: field.name,
    label: field.label,
    description: field.description,
    groupName: hubspotDescriptor.propertyGroup.name,
    type,
    fieldType,
    ...(field.type === 'enumeration'
      ? {
          options: (field.options ?? []).map((option, index) => ({
            label: option.label,
            value: option.value,
            displayOrder: index,
            hidden: false,
          })),
        }
      : {}),
  };
  // The string unions above are exactly HubSpot's documented values; the client types them as
  // enums it does not export at runtime.
  return body as unknown as PropertyCreate;
}
