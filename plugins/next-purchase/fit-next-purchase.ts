import {
  expectedPurchases,
  medianWaitGivenAlive,
  probabilityAlive,
  type BgNbdParams,
} from './bg-nbd.js';
import { fitBgNbd } from './fit-bg-nbd.js';
import { expectedSpend, fitGammaGamma, type GammaGammaParams } from './gamma-gamma.js';
import {
  calibrationHistory,
  UNIT_DAYS,
  type CalibrationHistory,
  type PurchaseDays,
} from './purchase-days.js';

/** How spend per purchase is predicted: Gamma–Gamma, or a plain mean when it cannot be fitted. */
export type SpendModel =
  | { kind: 'gamma_gamma'; params: GammaGammaParams }
  | { kind: 'mean'; mean: number }
  | { kind: 'none' };

/** A fitted next-purchase model as plain JSON. */
export interface NextPurchaseState {
  bgNbd: BgNbdParams;
  spend: SpendModel;
  /** The last day (UTC day number) the fit saw: "now" for its customers. */
  endDay: number;
  customers: number;
  repeatCustomers: number;
  logLikelihood: number;
}

// Gamma–Gamma learns the spread of spend between customers from those who bought again.
const MIN_SPEND_CUSTOMERS = 10;

/**
 * Fits BG/NBD on every customer's history up to `endDay` and, when orders carry money,
 * Gamma–Gamma on their repeat spend (a plain mean with fewer than 10 repeat buyers).
 */
export function fitNextPurchase(
  purchases: ReadonlyMap<string, PurchaseDays>,
  endDay: number,
  options: { seed: number; withSpend: boolean },
): NextPurchaseState {
  const histories = [...purchases.keys()]
    .sort()
    .map((customer) => calibrationHistory(purchases.get(customer) as PurchaseDays, endDay))
    .filter((h): h is CalibrationHistory => h !== null);
  const fit = fitBgNbd(
    histories.map((h) => h.summary),
    { seed: options.seed },
  );
  return {
    bgNbd: fit.params,
    spend: options.withSpend ? fitSpend(histories, options.seed) : { kind: 'none' },
    endDay,
    customers: fit.customers,
    repeatCustomers: fit.repeatCustomers,
    logLikelihood: fit.logLikelihood,
  };
}

function fitSpend(histories: readonly CalibrationHistory[], seed: number): SpendModel {
  const spends = histories.map((h) => h.spend).filter((s) => s.frequency > 0 && s.meanSpend > 0);
  if (spends.length >= MIN_SPEND_CUSTOMERS) {
    return { kind: 'gamma_gamma', params: fitGammaGamma(spends, seed).params };
  }
  const total = spends.reduce((sum, s) => sum + s.meanSpend * s.frequency, 0);
  const count = spends.reduce((sum, s) => sum + s.frequency, 0);
  return { kind: 'mean', mean: count > 0 ? total / count : 0 };
}

/** What the model says about one customer at its `endDay`. */
export interface CustomerPrediction {
  pAlive: number;
  expectedPurchases: number;
  /** Expected purchases × expected spend per purchase; null when orders carry no money. */
  expectedValue: number | null;
  /** endDay + the median wait given alive, rounded to a whole day. */
  nextPurchaseDay: number;
}

/** P(alive), expected purchases and value over `horizonDays`, and the next purchase day. */
export function predictCustomer(
  state: Pick<NextPurchaseState, 'bgNbd' | 'spend'>,
  history: CalibrationHistory,
  endDay: number,
  horizonDays: number,
): CustomerPrediction {
  const { bgNbd } = state;
  const purchases = expectedPurchases(bgNbd, history.summary, horizonDays / UNIT_DAYS);
  const wait = medianWaitGivenAlive(bgNbd, history.summary) * UNIT_DAYS;
  return {
    pAlive: probabilityAlive(bgNbd, history.summary),
    expectedPurchases: purchases,
    expectedValue:
      state.spend.kind === 'none' ? null : spendPerPurchase(state.spend, history) * purchases,
    nextPurchaseDay: endDay + Math.round(wait),
  };
}

function spendPerPurchase(spend: SpendModel, history: CalibrationHistory): number {
  if (spend.kind === 'gamma_gamma') return expectedSpend(spend.params, history.spend);
  if (spend.kind === 'mean') return spend.mean;
  return Number.NaN;
}
