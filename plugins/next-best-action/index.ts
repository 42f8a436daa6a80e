export {
  createNextBestActionPlugin,
  type NextBestActionSettings,
} from './next-best-action-plugin.js';
export { NextBestActionModel, NEXT_BEST_ACTION_PLUGIN_ID } from './next-best-action-model.js';
export {
  NEXT_BEST_ACTION_FIELDS,
  NBA_ACTION_FIELD,
  NBA_REASON_FIELD,
  NBA_SUCCESS_FIELD,
  NBA_UPLIFT_FIELD,
} from './next-best-action-fields.js';
export {
  parseNextBestActionOptions,
  type NextBestActionOptions,
} from './next-best-action-options.js';
export { ActionBandit, type ActionBanditJson, type PickMode } from './action-bandit.js';
export { actionHistory, type ActionEvent, type ActionHistory } from './action-history.js';
export {
  evaluateNextBestAction,
  type EvaluateNextBestActionOptions,
  type NextBestActionEvaluation,
} from './evaluate-next-best-action.js';
export { simulatePolicies, type BanditWorld, type SimulationResult } from './simulate-policies.js';
export { offPolicyEstimate, type OffPolicyResult } from './off-policy-estimate.js';
export { responseRates, customerTraits, SIMULATED_ACTIONS } from './simulated-responses.js';
export { renderNextBestActionSvg } from './next-best-action-chart.js';
export { evaluateCrmHistory, type CrmHistoryFigures } from './evaluate-crm-history.js';
