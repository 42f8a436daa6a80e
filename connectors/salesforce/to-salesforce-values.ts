import type { FieldUpdate, WriteOutcome } from '../connector.js';
import type { PropertyValue } from '../../core/records/crm-record.js';
import { toApiName } from './field-names.js';
import { failure } from './record-failure.js';

/** One update in Salesforce terms: API field names, values Salesforce accepts. */
export interface SalesforceUpdate {
  recordId: string;
  values: Record<string, PropertyValue>;
}

/**
 * Translates crm-ml names to API names (`crm_ml_score` → `Crm_Ml_Score__c`) and refuses, per
 * record, what Salesforce cannot store: NaN and Infinity, and ids that are not record ids.
 */
export function toSalesforceUpdates(updates: readonly FieldUpdate[]): {
  valid: SalesforceUpdate[];
  refused: WriteOutcome[];
} {
  const valid: SalesforceUpdate[] = [];
  const refused: WriteOutcome[] = [];
  for (const update of updates) {
    if (!/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(update.recordId)) {
      const message = `${update.recordId} is not a Salesforce record id`;
      refused.push(failure(update.recordId, 'salesforce_invalid_id', message, false));
      continue;
    }

    const values: Record<string, PropertyValue> = {};
    let bad: string | null = null;
    for (const [name, value] of Object.entries(update.values)) {
      if (typeof value === 'number' && !Number.isFinite(value)) bad = name;
      values[toApiName(name)] = value;
    }
    if (bad === null) valid.push({ recordId: update.recordId, values });
    else {
      const message = `${bad} is ${String(update.values[bad])}, which Salesforce cannot store`;
      refused.push(failure(update.recordId, 'salesforce_invalid_value', message, false));
    }
  }
  return { valid, refused };
}
