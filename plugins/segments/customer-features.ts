import type { OrderLine } from '../../core/ml/order-lines.js';

/** Per-customer behaviour from orders; `monetary` only when the orders carry money. */
export interface CustomerFeatures {
  features: string[];
  /** Customer id → values in `features` order. */
  values: Map<string, number[]>;
  /** The time recency and tenure are measured from (by default the latest order, epoch ms). */
  reference: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Recency (days since the last purchase), frequency (distinct orders: invoices when known,
 * else purchase days), monetary (net spend: returns subtract, floored at 0) and tenure (days
 * since the first purchase). Customers whose every line is a return are left out.
 */
export function customerFeatures(
  lines: readonly OrderLine[],
  reference = latestTime(lines),
): CustomerFeatures {
  const withMoney = lines.some((line) => line.amount !== null);
  const byCustomer = new Map<
    string,
    { first: number; last: number; orders: Set<string>; spend: number }
  >();

  for (const line of lines) {
    let entry = byCustomer.get(line.customer);
    if (!entry) {
      entry = { first: Infinity, last: -Infinity, orders: new Set(), spend: 0 };
      byCustomer.set(line.customer, entry);
    }
    entry.spend += line.amount ?? 0;
    if (line.returned) continue;
    entry.first = Math.min(entry.first, line.time);
    entry.last = Math.max(entry.last, line.time);
    entry.orders.add(line.invoice ?? new Date(line.time).toISOString().slice(0, 10));
  }

  const features = ['recency_days', 'frequency', ...(withMoney ? ['monetary'] : []), 'tenure_days'];
  const values = new Map<string, number[]>();
  for (const [customer, entry] of byCustomer) {
    if (entry.orders.size === 0) continue;
    values.set(customer, [
      Math.max(0, (reference - entry.last) / DAY_MS),
      entry.orders.size,
      ...(withMoney ? [Math.max(0, entry.spend)] : []),
      Math.max(0, (reference - entry.first) / DAY_MS),
    ]);
  }
  return { features, values, reference };
}

/** The latest order time (epoch ms), 0 when there are no lines. */
export function latestTime(lines: readonly OrderLine[]): number {
  return lines.reduce((latest, line) => Math.max(latest, line.time), 0);
}
