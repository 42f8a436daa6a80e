import type { CrmRecord } from '../../../core/records/crm-record.js';
import { simulateBgNbd } from './simulate-bg-nbd.js';

const DAY = 24 * 60 * 60 * 1000;
/** The first day of the simulated cohort. */
export const START = Date.UTC(2023, 0, 2);
/** Everyone is observed until this day. */
export const OBSERVED_DAYS = 364;

/** One simulated order line: customer, ISO time and amount. */
export interface SimulatedOrder {
  customer: string;
  time: string;
  amount: number;
}

/** Orders of `count` BG/NBD customers who join over the first 12 weeks of a year. */
export function simulatedOrders(count: number, seed: number): SimulatedOrder[] {
  const params = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
  const joined: number[] = [];
  const customers = simulateBgNbd(params, count, seed, (i, rng) => {
    joined[i] = Math.floor(rng.next() * 84);
    return (OBSERVED_DAYS - (joined[i] as number)) / 7;
  });
  return customers.flatMap((customer, i) =>
    customer.times.map((weeks, k) => ({
      customer: `c${String(i).padStart(4, '0')}`,
      time: new Date(START + ((joined[i] as number) + Math.floor(weeks * 7)) * DAY).toISOString(),
      amount: Math.round((customer.spends[k] as number) * 100) / 100,
    })),
  );
}

/** The same as CRM records: contacts, and orders associated with them. */
export function orderBook(
  count: number,
  seed: number,
): { contacts: CrmRecord[]; orders: CrmRecord[] } {
  const orders = simulatedOrders(count, seed);
  const ids = [...new Set(orders.map((order) => order.customer))];
  return {
    contacts: ids.map((id) => ({
      id,
      objectType: 'contacts',
      properties: {},
      updatedAt: '',
      archived: false,
    })),
    orders: orders.map((order, i) => ({
      id: `o${i}`,
      objectType: 'orders',
      properties: { createdate: order.time, amount: String(order.amount) },
      updatedAt: '',
      archived: false,
      associations: { contacts: [order.customer] },
    })),
  };
}
