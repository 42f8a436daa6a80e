import type { FieldSpec } from '../../connectors/connector.js';

/** Probability cut-offs between risk levels: `medium` ≤ p < `high` is medium risk. */
export interface RiskThresholds {
  medium: number;
  high: number;
}

/**
 * Default cut-offs on churn probability. 0.3 sits a little above the base rate of a typical
 * subscription book (15–30 %), so "medium" means worse than an average customer; 0.6 means
 * churn is clearly more likely than not. Override with the `riskThresholds` option.
 */
export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = { medium: 0.3, high: 0.6 };

/** CRM property names the plugin writes (also the keys of `RecordScore.values`). */
export const CHURN_SCORE_FIELD = 'crm_ml_churn_score';
export const CHURN_RISK_FIELD = 'crm_ml_churn_risk';
export const CHURN_DRIVERS_FIELD = 'crm_ml_churn_drivers';

/** The risk level of a churn probability. */
export function riskLevel(
  probability: number,
  thresholds: RiskThresholds,
): 'low' | 'medium' | 'high' {
  if (probability >= thresholds.high) return 'high';
  return probability >= thresholds.medium ? 'medium' : 'low';
}

/** The CRM fields the churn plugin writes. */
export const CHURN_FIELDS: readonly FieldSpec[] = [
  {
    name: CHURN_SCORE_FIELD,
    label: 'Churn score',
    description: 'Churn probability from crm-ml as a whole percentage (0–100).',
    type: 'number',
  },
  {
    name: CHURN_RISK_FIELD,
    label: 'Churn risk',
    description: 'Churn risk level from crm-ml, banded from the churn probability.',
    type: 'enumeration',
    options: [
      { value: 'low', label: 'Low' },
      { value: 'medium', label: 'Medium' },
      { value: 'high', label: 'High' },
    ],
  },
  {
    name: CHURN_DRIVERS_FIELD,
    label: 'Churn drivers',
    description: 'The properties that most raise (↑) or lower (↓) this churn score.',
    type: 'text',
  },
];
