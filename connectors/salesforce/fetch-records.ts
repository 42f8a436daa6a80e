import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import type { ConnectorContext } from './connector-context.js';
import { queryPages } from './query-pages.js';
import { salesforceDescriptor } from './salesforce-descriptor.js';
import { selectFields } from './select-fields.js';
import { soqlList } from './soql.js';
import { toCrmRecord } from './to-crm-record.js';

/**
 * Reads records by id with `WHERE Id IN (…)`, 200 ids a query: the named properties, or the
 * fields a sync reads when `properties` is absent. crm-ml names are asked for and returned as
 * crm-ml names (`crm_ml_score` ↔ `Crm_Ml_Score__c`). Unknown or deleted ids are simply absent.
 */
export async function fetchRecords(
  context: ConnectorContext,
  objectType: ObjectType,
  ids: readonly string[],
  properties?: readonly string[],
): Promise<CrmRecord[]> {
  const sObject = context.objects.sObjectFor(objectType);
  const described = await context.describes.get(sObject);
  const associations = context.objects.associationFields(described);
  const fields = selectFields(described, associations, properties);
  const shape = { objectType, described, associations, fromCsv: false };

  const unique = [...new Set(ids)].filter((id) => /^[A-Za-z0-9]{15,18}$/.test(id));
  const records: CrmRecord[] = [];
  for (let offset = 0; offset < unique.length; offset += salesforceDescriptor.fetchChunkSize) {
    const chunk = unique.slice(offset, offset + salesforceDescriptor.fetchChunkSize);
    const soql = `SELECT ${fields.join(', ')} FROM ${sObject} WHERE Id IN ${soqlList(chunk)}`;
    for await (const page of queryPages(context.api, soql)) {
      records.push(...page.map((wire) => toCrmRecord(wire, shape)));
    }
  }
  return records;
}
