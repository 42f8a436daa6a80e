import type { FieldValue } from './field-definition.js';

type Values = Record<string, FieldValue>;

/**
 * Fields Salesforce computes from others: the full Name of people, a line item's TotalPrice
 * and the closed flags of opportunities. Recomputed after every write.
 */
export function applyDerivedValues(type: string, values: Values): void {
  if (type === 'Contact' || type === 'Lead') {
    const parts = [values['FirstName'], values['LastName']].filter(
      (part): part is string => typeof part === 'string' && part !== '',
    );
    values['Name'] = parts.length === 0 ? null : parts.join(' ');
  }

  if (type === 'OpportunityLineItem') {
    const quantity = values['Quantity'];
    const price = values['UnitPrice'];
    values['TotalPrice'] =
      typeof quantity === 'number' && typeof price === 'number' ? quantity * price : null;
  }

  if (type === 'Opportunity') {
    const stage = values['StageName'];
    values['IsClosed'] = stage === 'Closed Won' || stage === 'Closed Lost';
    values['IsWon'] = stage === 'Closed Won';
  }
}
