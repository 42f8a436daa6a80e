import type { OrderLine } from '../../core/ml/order-lines.js';
import type { CustomerSummary } from './bg-nbd.js';
import type { SpendSummary } from './gamma-gamma.js';

/** A customer's purchase days (UTC day numbers, ascending) and the spend of each. */
export interface PurchaseDays {
  days: number[];
  spend: number[];
}

/** BG/NBD counts weeks: α is then comparable with the published CDNOW fits. */
export const UNIT_DAYS = 7;
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Each customer's purchase days. Lines on one UTC day make one purchase (the model's time
 * step: two invoices an hour apart are one shopping trip, not two repeat purchases). Returns
 * and cancellations are left out rather than netted, since a return is not a purchase event.
 */
export function purchaseDays(lines: readonly OrderLine[]): Map<string, PurchaseDays> {
  const spendByDay = new Map<string, Map<number, number>>();
  for (const line of lines) {
    if (line.returned) continue;
    const day = Math.floor(line.time / DAY_MS);
    let days = spendByDay.get(line.customer);
    if (!days) spendByDay.set(line.customer, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + (line.amount ?? 0));
  }

  const result = new Map<string, PurchaseDays>();
  for (const [customer, days] of spendByDay) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    result.set(customer, { days: sorted, spend: sorted.map((d) => days.get(d) as number) });
  }
  return result;
}

/** A customer's history up to `endDay` in the model's terms, or null if it starts later. */
export interface CalibrationHistory {
  summary: CustomerSummary;
  spend: SpendSummary;
  firstDay: number;
}

/**
 * The (x, t_x, T) of purchases on or before `endDay`, in weeks, and the mean spend of the
 * repeat purchases: Gamma–Gamma leaves the first purchase out, as it often differs (a
 * welcome offer, a first big order).
 */
export function calibrationHistory(
  purchases: PurchaseDays,
  endDay: number,
): CalibrationHistory | null {
  const first = purchases.days[0];
  if (first === undefined || first > endDay) return null;
  let count = 0;
  let last = first;
  let repeatSpend = 0;
  purchases.days.forEach((day, i) => {
    if (day > endDay) return;
    count++;
    last = day;
    if (i > 0) repeatSpend += purchases.spend[i] as number;
  });
  const frequency = count - 1;
  return {
    summary: {
      frequency,
      recency: (last - first) / UNIT_DAYS,
      age: (endDay - first) / UNIT_DAYS,
    },
    spend: { frequency, meanSpend: frequency > 0 ? repeatSpend / frequency : 0 },
    firstDay: first,
  };
}

/** Purchases and spend after `endDay` up to and including `untilDay`. */
export function holdoutPurchases(
  purchases: PurchaseDays,
  endDay: number,
  untilDay: number,
): { count: number; spend: number } {
  let count = 0;
  let spend = 0;
  purchases.days.forEach((day, i) => {
    if (day <= endDay || day > untilDay) return;
    count++;
    spend += purchases.spend[i] as number;
  });
  return { count, spend };
}
