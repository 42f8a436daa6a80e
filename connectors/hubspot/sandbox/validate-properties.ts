import { SandboxHttpError } from './hubspot-error.js';
import type { PropertyCatalog, PropertyValueError } from './property-catalog.js';

/** Property values ready to store: string, or null to clear. */
export type StoredProperties = Record<string, string | null>;

type WrittenProperties = Readonly<Record<string, unknown>>;

function normalizeAll(
  catalog: PropertyCatalog,
  objectType: string,
  properties: WrittenProperties,
): { stored: StoredProperties; errors: PropertyValueError[] } {
  const stored: StoredProperties = {};
  const errors: PropertyValueError[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    const result = catalog.normalize(objectType, name, raw);
    if ('error' in result) errors.push(result.error);
    else stored[name] = result.value;
  }
  return { stored, errors };
}

// HubSpot answers one 400 VALIDATION_ERROR whose message embeds the JSON list of bad values.
function throwIfInvalid(errors: readonly PropertyValueError[]): void {
  if (errors.length === 0) return;
  throw SandboxHttpError.validation(`Property values were not valid: ${JSON.stringify(errors)}`);
}

/** Validates one record's written properties against the catalog. */
export function validateProperties(
  catalog: PropertyCatalog,
  objectType: string,
  properties: WrittenProperties,
): StoredProperties {
  const { stored, errors } = normalizeAll(catalog, objectType, properties);
  throwIfInvalid(errors);
  return stored;
}

/**
 * Validates every input of a batch before anything is written. Like HubSpot, one unknown
 * property or bad option anywhere fails the whole batch with 400 and writes no record; only
 * per-record problems (missing or archived ids) become a 207.
 */
export function validateBatch(
  catalog: PropertyCatalog,
  objectType: string,
  inputs: readonly { properties: WrittenProperties }[],
): StoredProperties[] {
  const results = inputs.map((input) => normalizeAll(catalog, objectType, input.properties));
  throwIfInvalid(results.flatMap((result) => result.errors));
  return results.map((result) => result.stored);
}
