import type { FieldSpec } from '../../connectors/connector.js';

/** CRM property names the plugin writes (also the keys of `RecordScore.values`). */
export const RECOMMENDATIONS_FIELD = 'crm_ml_recommendations';
export const RECOMMENDATION_IDS_FIELD = 'crm_ml_recommendation_ids';

/** The CRM fields the recommendations plugin writes. */
export const RECOMMENDATIONS_FIELDS: readonly FieldSpec[] = [
  {
    name: RECOMMENDATIONS_FIELD,
    label: 'Recommended products',
    description: 'The products this customer is most likely to buy next, best first.',
    type: 'text',
  },
  {
    name: RECOMMENDATION_IDS_FIELD,
    label: 'Recommended product ids',
    description: 'Ids of the recommended products, best first, separated by ";".',
    type: 'string',
  },
];
