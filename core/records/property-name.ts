import { CrmMlError } from '../errors/crm-ml-error.js';

/**
 * Turns a column or field name into the property name crm-ml uses everywhere: lower
 * snake_case of ASCII letters and digits, starting with a letter.
 *
 * @example toPropertyName('MonthlyCharges') // 'monthly_charges'
 * @example toPropertyName('customerID') // 'customer_id'
 */
export function toPropertyName(name: string): string {
  // Decompose accents so 'Café' keeps its letters ('cafe') instead of losing them.
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

  const words = ascii
    // 'customerID' → 'customer ID', 'Q1Revenue' → 'Q1 Revenue'.
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // 'HTMLParser' → 'HTML Parser': an acronym ends before the capital that starts a word.
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);

  if (words.length === 0) {
    throw new CrmMlError(
      'property_name_empty',
      `name ${JSON.stringify(name)} has no letters or digits to build a property name from`,
    );
  }
  const snake = words.join('_').toLowerCase();
  // CRMs want names that start with a letter (HubSpot and Salesforce both refuse a digit).
  return /^[a-z]/.test(snake) ? snake : `p_${snake}`;
}
