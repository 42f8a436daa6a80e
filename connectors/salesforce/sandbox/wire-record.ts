import type { FieldDefinition, FieldValue } from './field-definition.js';
import type { SandboxRecord } from './sandbox-record.js';
import { ADDRESS_PARTS } from './standard-fields.js';

/** REST JSON for one field; a compound address becomes an object (null when all unset). */
export function restValue(record: SandboxRecord, field: FieldDefinition): unknown {
  if (field.type !== 'address') return record.values[field.name] ?? null;

  const prefix = field.name.slice(0, -'Address'.length);
  const address: Record<string, FieldValue> = {};
  let anySet = false;
  for (const [key, suffix] of ADDRESS_PARTS) {
    const value = record.values[`${prefix}${suffix}`] ?? null;
    if (value !== null) anySet = true;
    address[key] = value;
  }
  return anySet ? address : null;
}

/**
 * A record as the REST API shows it: `attributes` first, then the fields in the order asked.
 * `sobjectsPath` is 'sobjects' or, for Tooling API records, 'tooling/sobjects'.
 */
export function restRecord(
  record: SandboxRecord,
  fields: readonly FieldDefinition[],
  version: string,
  sobjectsPath = 'sobjects',
): Record<string, unknown> {
  const url = `/services/data/v${version}/${sobjectsPath}/${record.type}/${record.id}`;
  const wire: Record<string, unknown> = { attributes: { type: record.type, url } };
  for (const field of fields) wire[field.name] = restValue(record, field);
  return wire;
}
