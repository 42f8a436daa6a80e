import { createLogger } from '../../core/logging/logger.js';
import type { DescribedObject } from './describe-cache.js';
import { toApiName } from './field-names.js';
import type { AssociationField } from './object-map.js';

const log = createLogger('connector.salesforce');

// Compound fields cannot be read by Bulk API 2.0 and repeat their components (MailingStreet,
// MailingCity…, Location__Latitude__s); base64 bodies would bloat every page.
const SKIPPED_TYPES = new Set(['address', 'location', 'base64']);
const ALWAYS = ['Id', 'SystemModstamp'];

/**
 * The fields a sync selects: every readable field of the describe, or the named properties
 * (crm-ml names translated to API names) plus Id, SystemModstamp and the association lookups.
 * Names the object does not have are left out with a warning instead of failing the query.
 */
export function selectFields(
  described: DescribedObject,
  associations: readonly AssociationField[],
  properties?: readonly string[],
): string[] {
  if (properties === undefined) {
    return [...described.fields.values()]
      .filter((field) => !SKIPPED_TYPES.has(field.type))
      .map((field) => field.name);
  }

  const wanted = [...ALWAYS, ...associations.map((association) => association.field)];
  const unknown: string[] = [];
  for (const property of properties) {
    const apiName = toApiName(property);
    if (described.fields.has(apiName)) wanted.push(apiName);
    else unknown.push(property);
  }
  if (unknown.length > 0) {
    log.warn({ object: described.name, unknown }, 'Salesforce object lacks requested fields');
  }
  return [...new Set(wanted)].filter((name) => described.fields.has(name) || name === 'Id');
}
