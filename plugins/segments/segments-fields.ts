import type { FieldSpec } from '../../connectors/connector.js';

/** CRM property names the plugin writes (also the keys of `RecordScore.values`). */
export const SEGMENT_FIELD = 'crm_ml_segment';
export const SEGMENT_ID_FIELD = 'crm_ml_segment_id';

/** The id and name given to customers without a purchase: nothing to segment them on. */
export const NO_PURCHASES_ID = 0;
export const NO_PURCHASES_NAME = 'no purchases yet';

/** The CRM fields the segments plugin writes. */
export const SEGMENTS_FIELDS: readonly FieldSpec[] = [
  {
    name: SEGMENT_FIELD,
    label: 'Customer segment',
    description: 'The customer segment from crm-ml, named after its recency, frequency and spend.',
    type: 'string',
  },
  {
    name: SEGMENT_ID_FIELD,
    label: 'Customer segment id',
    description: 'Stable id of the segment: it keeps its number across retrains.',
    type: 'number',
  },
];
