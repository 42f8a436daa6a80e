import { coerceValue } from './coerce-value.js';
import { applyDerivedValues } from './derived-values.js';
import type { FieldValue } from './field-definition.js';
import type { ObjectSchema } from './object-schema.js';
import { toId18 } from './record-id.js';
import type { SalesforceData } from './salesforce-data.js';
import type { SaveError } from './salesforce-error.js';
import { isDeleted } from './sandbox-record.js';

/** A checked write, not applied yet: `commit` applies it; failures carry SaveResult errors. */
export type PreparedSave =
  | { ok: true; id: string | undefined; commit: () => { id: string; created: boolean } }
  | { ok: false; id: string | undefined; errors: SaveError[] };

// Keys in a record body that are not fields: jsforce sends `attributes` and a lowercase `id`.
const NOT_FIELDS = new Set(['attributes', 'id']);

function fail(
  id: string | undefined,
  statusCode: string,
  message: string,
  fields: string[] = [],
): PreparedSave {
  return { ok: false, id, errors: [{ statusCode, message, fields }] };
}

/**
 * Checks a create (`id` undefined) or an update of one record the way Salesforce saves it:
 * the id, forced failures, each field's name, access and value, required fields, then
 * validation rules on the resulting record. Nothing is written until `commit`.
 */
export function prepareSave(
  data: SalesforceData,
  schema: ObjectSchema,
  rawId: string | undefined,
  body: Readonly<Record<string, unknown>>,
): PreparedSave {
  let id: string | undefined;
  let current: Readonly<Record<string, FieldValue>> = {};
  if (rawId !== undefined) {
    id = toId18(rawId);
    if (id === undefined || !id.startsWith(schema.keyPrefix)) {
      return fail(
        undefined,
        'MALFORMED_ID',
        `${schema.label} ID: id value of incorrect type: ${rawId}`,
        ['Id'],
      );
    }
    const record = data.get(id);
    if (!record) return fail(id, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    if (isDeleted(record)) return fail(id, 'ENTITY_IS_DELETED', 'entity is deleted');
    const forced = data.writeFailures.take(id);
    if (forced) return fail(id, forced.code, forced.message);
    current = record.values;
  }

  const changes: Record<string, FieldValue> = {};
  const errors: SaveError[] = [];
  for (const [name, raw] of Object.entries(body)) {
    if (NOT_FIELDS.has(name.toLowerCase())) continue;
    const field = schema.field(name);
    if (!field) {
      const message = `No such column '${name}' on sobject of type ${schema.name}`;
      errors.push({ statusCode: 'INVALID_FIELD', message, fields: [name] });
      continue;
    }
    if (id === undefined ? !field.createable : !field.updateable) {
      const message =
        `Unable to create/update fields: ${field.name}. Please check the security settings of ` +
        'this field and verify that it is read/write for your profile or permission set.';
      errors.push({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message, fields: [field.name] });
      continue;
    }
    const coerced = coerceValue(field, raw);
    if ('error' in coerced) errors.push(coerced.error);
    else changes[field.name] = coerced.value;
  }
  if (errors.length > 0) return { ok: false, id, errors };

  const merged: Record<string, FieldValue> = { ...current, ...changes };
  const missing = schema
    .fields()
    .filter((field) => !field.nillable && field.createable && field.type !== 'boolean')
    .filter((field) => merged[field.name] === null || merged[field.name] === undefined)
    .map((field) => field.name);
  if (missing.length > 0) {
    return fail(
      id,
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.join(', ')}]`,
      missing,
    );
  }

  applyDerivedValues(schema.name, merged);
  const rejected = data.validationRules(schema.name).find((rule) => rule.rejects(merged));
  if (rejected)
    return fail(id, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', rejected.message, rejected.fields);

  return {
    ok: true,
    id,
    commit: () => {
      if (id === undefined) return { id: data.create(schema.name, changes), created: true };
      data.update(id, changes);
      return { id, created: false };
    },
  };
}
