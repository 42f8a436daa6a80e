export {
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesSinceFirst,
  medianWaitGivenAlive,
  probabilityAlive,
  type BgNbdParams,
  type CustomerSummary,
} from './bg-nbd.js';
export { fitBgNbd, type BgNbdFit } from './fit-bg-nbd.js';
export {
  expectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
} from './gamma-gamma.js';
export { logHypergeometric2F1 } from './hypergeometric.js';
export {
  evaluateNextPurchase,
  type EvaluateNextPurchaseOptions,
  type NextPurchaseEvaluation,
} from './evaluate-next-purchase.js';
export { renderNextPurchaseSvg } from './next-purchase-chart.js';
export { createNextPurchasePlugin } from './next-purchase-plugin.js';
export { NextPurchaseModel, NEXT_PURCHASE_PLUGIN_ID } from './next-purchase-model.js';
export {
  NEXT_PURCHASE_FIELDS,
  P_ALIVE_FIELD,
  EXPECTED_PURCHASES_FIELD,
  EXPECTED_VALUE_FIELD,
  NEXT_PURCHASE_DATE_FIELD,
} from './next-purchase-fields.js';
export { parseNextPurchaseOptions, type NextPurchaseOptions } from './next-purchase-options.js';
export { fitSummaryRows, type SummaryColumns } from './fit-summary-rows.js';
