import type { FieldSpec } from '../../connectors/connector.js';

/** CRM property names the plugin writes (also the keys of `RecordScore.values`). */
export const NBA_ACTION_FIELD = 'crm_ml_nba_action';
export const NBA_SUCCESS_FIELD = 'crm_ml_nba_success_rate';
export const NBA_UPLIFT_FIELD = 'crm_ml_nba_expected_uplift';
export const NBA_REASON_FIELD = 'crm_ml_nba_reason';

/** The CRM fields the next-best-action plugin writes. */
export const NEXT_BEST_ACTION_FIELDS: readonly FieldSpec[] = [
  {
    name: NBA_ACTION_FIELD,
    label: 'Next best action',
    description: 'The action crm-ml recommends a rep takes next (one of the configured actions).',
    // Text, not an enumeration: the action set is configured per connection.
    type: 'string',
  },
  {
    name: NBA_SUCCESS_FIELD,
    label: 'Next best action success rate',
    description: 'Expected chance (0–100) that the recommended action leads to a success.',
    type: 'number',
  },
  {
    name: NBA_UPLIFT_FIELD,
    label: 'Next best action uplift',
    description:
      'Expected success rate of the recommended action minus that of the baseline action, in ' +
      'percentage points.',
    type: 'number',
  },
  {
    name: NBA_REASON_FIELD,
    label: 'Next best action reason',
    description: 'Why crm-ml recommends this action, in a sentence.',
    type: 'text',
  },
];
