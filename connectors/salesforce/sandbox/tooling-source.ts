import { ObjectSchema } from './object-schema.js';
import type { SalesforceData } from './salesforce-data.js';
import type { SandboxRecord } from './sandbox-record.js';
import type { QuerySource } from './soql/run-soql.js';
import { auditFields, text } from './standard-fields.js';

/** The Tooling API's CustomField object, as far as the sandbox answers queries on it. */
const CUSTOM_FIELD = new ObjectSchema('CustomField', 'Custom Field', 'Custom Fields', '00N', [
  ...auditFields().filter((field) => field.name !== 'IsDeleted'),
  text('DeveloperName', 'Developer Name', 40),
  text('TableEnumOrId', 'Table Enum or ID', 40),
  text('NamespacePrefix', 'Namespace Prefix', 15),
  text('ManageableState', 'Manageable State', 40),
  text('Description', 'Description', 1000),
]);

/**
 * CustomField rows derived from the org's custom fields, so fields created over the Tooling
 * API, by seeding or by tests all show up. DeveloperName drops the `__c`; TableEnumOrId is the
 * object's API name (standard objects use their name, not an id).
 */
export function toolingSource(data: SalesforceData): QuerySource {
  const records = (): SandboxRecord[] =>
    data.objectNames().flatMap((objectName) =>
      data
        .requireSchema(objectName)
        .customFields()
        .map((field) => {
          const id = field.toolingId ?? '';
          const at = field.createdDate;
          return {
            id,
            type: 'CustomField',
            values: {
              Id: id,
              DeveloperName: field.name.replace(/__c$/, ''),
              TableEnumOrId: objectName,
              NamespacePrefix: null,
              ManageableState: 'unmanaged',
              Description: field.description,
              CreatedDate: at,
              CreatedById: null,
              LastModifiedDate: at,
              LastModifiedById: null,
              SystemModstamp: at,
            },
          };
        }),
    );

  return {
    schema: (objectName) => (objectName.toLowerCase() === 'customfield' ? CUSTOM_FIELD : undefined),
    records: () => records(),
  };
}
