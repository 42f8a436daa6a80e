import { expectedPurchases, type BgNbdParams } from './bg-nbd.js';
import {
  calibrationHistory,
  holdoutPurchases,
  UNIT_DAYS,
  type CalibrationHistory,
  type PurchaseDays,
} from './purchase-days.js';

/** One calibration customer: its history, what it did in the holdout and the forecasts. */
export interface HoldoutRow {
  purchases: PurchaseDays;
  history: CalibrationHistory;
  actual: number;
  actualSpend: number;
  predicted: number;
  /** The baseline: the customer's own calibration repeat rate × the holdout length. */
  ownRate: number;
}

/**
 * Forecasts the purchases in (endDay, lastDay] of every customer whose first purchase is on
 * or before `endDay`, in customer-id order, with BG/NBD and with the own-rate baseline.
 */
export function holdoutForecast(
  params: BgNbdParams,
  purchases: ReadonlyMap<string, PurchaseDays>,
  endDay: number,
  lastDay: number,
): HoldoutRow[] {
  const weeks = (lastDay - endDay) / UNIT_DAYS;
  const rows: HoldoutRow[] = [];
  for (const customer of [...purchases.keys()].sort()) {
    const days = purchases.get(customer) as PurchaseDays;
    const history = calibrationHistory(days, endDay);
    if (history === null) continue;
    const holdout = holdoutPurchases(days, endDay, lastDay);
    const { frequency, age } = history.summary;
    rows.push({
      purchases: days,
      history,
      actual: holdout.count,
      actualSpend: holdout.spend,
      predicted: expectedPurchases(params, history.summary, weeks),
      ownRate: age > 0 ? (frequency / age) * weeks : 0,
    });
  }
  return rows;
}
