import type { FieldSpec, ProvisionResult } from '../connector.js';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import { salesforceErrorCode } from './classify-failure.js';
import type { ConnectorContext } from './connector-context.js';
import { customFieldMetadata } from './custom-field-metadata.js';
import { readFieldLimit } from './field-limit.js';
import { toApiName } from './field-names.js';

const log = createLogger('connector.salesforce');

// What Salesforce answers when the field exists already (a concurrent run made it).
const DUPLICATE_CODES = new Set(['DUPLICATE_DEVELOPER_NAME', 'DUPLICATE_VALUE']);

/**
 * Creates the missing custom fields through the Tooling API (`CustomField`, FullName
 * `Contact.Crm_Ml_Churn_Score__c`), reading the describe first so a second call creates
 * nothing. The object's custom-field allowance is checked before the first create, so a run
 * never leaves half of its fields behind for lack of room.
 */
export async function provisionFields(
  context: ConnectorContext,
  objectType: ObjectType,
  fields: readonly FieldSpec[],
): Promise<ProvisionResult> {
  const sObject = context.objects.sObjectFor(objectType);
  context.describes.forget(sObject);
  const described = await context.describes.get(sObject);
  const created: string[] = [];
  const existing: string[] = [];
  const missing = fields.filter((field) => {
    const found = described.fields.has(toApiName(field.name));
    if (found) existing.push(field.name);
    return !found;
  });
  if (missing.length === 0) return { created, existing };

  const customCount = [...described.fields.values()].filter((field) => field.custom).length;
  const limit = await readFieldLimit(context.api, sObject);
  if (limit !== null && customCount + missing.length > limit) {
    throw fieldLimitError(sObject, customCount, limit, missing.length);
  }

  try {
    for (const field of missing) {
      const wasCreated = await createField(context, sObject, field, customCount);
      (wasCreated ? created : existing).push(field.name);
    }
  } finally {
    context.describes.forget(sObject);
  }

  log.info(
    { objectType, created: created.length, existing: existing.length },
    'fields provisioned',
  );
  return { created, existing };
}

async function createField(
  context: ConnectorContext,
  sObject: string,
  field: FieldSpec,
  customCount: number,
): Promise<boolean> {
  const fullName = `${sObject}.${toApiName(field.name)}`;
  try {
    await context.api.call('POST /tooling/sobjects/CustomField', {
      method: 'POST',
      url: '/tooling/sobjects/CustomField',
      body: { FullName: fullName, Metadata: customFieldMetadata(field) },
    });
    return true;
  } catch (error) {
    const code = salesforceErrorCode(error);
    if (code !== null && DUPLICATE_CODES.has(code)) return false;
    if (code === 'LIMIT_EXCEEDED') {
      const stated = /\((\d+)\)/.exec(error instanceof Error ? error.message : '')?.[1];
      throw fieldLimitError(sObject, customCount, stated === undefined ? null : Number(stated), 1);
    }
    throw error;
  }
}

function fieldLimitError(
  sObject: string,
  count: number,
  limit: number | null,
  wanted: number,
): CrmMlError {
  const allowance = limit === null ? 'its limit' : `its limit of ${limit}`;
  return new CrmMlError(
    'salesforce_field_limit',
    `Salesforce object ${sObject} has ${count} custom fields and ${allowance}; crm-ml needs ` +
      `${wanted} more. Delete unused custom fields on ${sObject} (or ask Salesforce for a ` +
      'higher allowance), then provision again.',
    { details: [{ path: sObject, message: `${count} of ${limit ?? '?'} custom fields used` }] },
  );
}
