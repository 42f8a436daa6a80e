export { createChurnPlugin } from './churn-plugin.js';
export {
  evaluateChurn,
  type ChurnEvaluation,
  type EvaluateChurnOptions,
} from './evaluate-churn.js';
export { ChurnModel, CHURN_PLUGIN_ID } from './churn-model.js';
export {
  CHURN_FIELDS,
  CHURN_DRIVERS_FIELD,
  CHURN_RISK_FIELD,
  CHURN_SCORE_FIELD,
  DEFAULT_RISK_THRESHOLDS,
  type RiskThresholds,
} from './churn-fields.js';
export { parseChurnOptions, type ChurnOptions } from './churn-options.js';
