import { z } from 'zod';

import type { RemoveFieldsResult } from '../connector.js';
import { createLogger } from '../../core/logging/logger.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import type { ConnectorContext } from './connector-context.js';
import { toApiName } from './field-names.js';
import { queryPages } from './query-pages.js';
import { soqlList, soqlString } from './soql.js';

const log = createLogger('connector.salesforce');

export type { RemoveFieldsResult };

const customFieldRowSchema = z.object({ Id: z.string(), DeveloperName: z.string() });

/**
 * Deletes crm-ml's custom fields (uninstall). Tooling `CustomField` rows are found by
 * DeveloperName (the API name without `__c`) and TableEnumOrId, which is the object's name
 * for standard objects; a custom object is named by its id there, so fields on custom objects
 * must be removed in Setup. Salesforce keeps deleted fields 15 days in its own recycle bin.
 */
export async function removeFields(
  context: ConnectorContext,
  objectType: ObjectType,
  names: readonly string[],
): Promise<RemoveFieldsResult> {
  const sObject = context.objects.sObjectFor(objectType);
  const byDeveloperName = new Map(
    names.map((name) => [toApiName(name).replace(/__c$/, ''), name] as const),
  );
  if (byDeveloperName.size === 0) return { removed: [], missing: [] };

  const soql =
    `SELECT Id, DeveloperName FROM CustomField WHERE TableEnumOrId = ${soqlString(sObject)} ` +
    `AND DeveloperName IN ${soqlList([...byDeveloperName.keys()])}`;
  const found = new Map<string, string>();
  const pages = queryPages(context.api, soql, { tooling: true });
  for await (const page of pages) {
    for (const row of page) {
      const parsed = customFieldRowSchema.safeParse(row);
      if (parsed.success) found.set(parsed.data.DeveloperName, parsed.data.Id);
    }
  }

  const removed: string[] = [];
  const missing: string[] = [];
  try {
    for (const [developerName, name] of byDeveloperName) {
      const id = found.get(developerName);
      if (id === undefined) {
        missing.push(name);
        continue;
      }
      await context.api.call('DELETE /tooling/sobjects/CustomField', {
        method: 'DELETE',
        url: `/tooling/sobjects/CustomField/${id}`,
      });
      removed.push(name);
    }
  } finally {
    context.describes.forget(sObject);
  }

  log.info({ objectType, removed: removed.length, missing: missing.length }, 'fields removed');
  return { removed, missing };
}
