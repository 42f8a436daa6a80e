import { ObjectSchema } from './object-schema.js';
import { auditFields, reference, text } from './standard-fields.js';

/**
 * The schema of a new custom object (`Order_Line__c`): the audit fields every sObject has,
 * a text Name and an owner; its own fields are added as custom fields afterwards. Custom
 * object key prefixes start at `a00`, as an org's first custom objects do.
 */
export function customObject(
  name: string,
  label: string,
  labelPlural: string,
  ordinal: number,
): ObjectSchema {
  const keyPrefix = `a${ordinal.toString(36).padStart(2, '0')}`;
  return new ObjectSchema(name, label, labelPlural, keyPrefix, [
    ...auditFields(),
    text('Name', `${label} Name`, 80),
    reference('OwnerId', 'Owner ID', 'User'),
  ]);
}
