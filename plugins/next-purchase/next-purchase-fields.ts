import type { FieldSpec } from '../../connectors/connector.js';

/** CRM property names the plugin writes (also the keys of `RecordScore.values`). */
export const P_ALIVE_FIELD = 'crm_ml_p_alive';
export const EXPECTED_PURCHASES_FIELD = 'crm_ml_expected_purchases';
export const EXPECTED_VALUE_FIELD = 'crm_ml_expected_value';
export const NEXT_PURCHASE_DATE_FIELD = 'crm_ml_next_purchase_date';

/** The CRM fields the next-purchase plugin writes. */
export const NEXT_PURCHASE_FIELDS: readonly FieldSpec[] = [
  {
    name: P_ALIVE_FIELD,
    label: 'Chance still a customer',
    description: 'Probability (0–100) that the customer has not stopped buying, from crm-ml.',
    type: 'number',
  },
  {
    name: EXPECTED_PURCHASES_FIELD,
    label: 'Expected purchases',
    description: 'Purchases (days with an order) crm-ml expects in the coming period (90 days).',
    type: 'number',
  },
  {
    name: EXPECTED_VALUE_FIELD,
    label: 'Expected value',
    description: 'Spend crm-ml expects from the customer in the coming period (90 days).',
    type: 'number',
  },
  {
    // A datetime at midnight UTC: the field types crm-ml provisions have no date-only type.
    name: NEXT_PURCHASE_DATE_FIELD,
    label: 'Predicted next purchase',
    description: 'The median date of the next purchase if the customer is still buying.',
    type: 'datetime',
  },
];
