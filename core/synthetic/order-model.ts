import { CrmMlError } from '../errors/crm-ml-error.js';
import { readCsv } from '../csv/index.js';
import { parseNumber } from '../csv/parse-number.js';
import { ORDER_COLUMNS } from './sample-orders.js';

/** One product as orders of the source use it: its name, price and the quantities bought. */
export interface ProductProfile {
  code: string;
  description: string;
  /** The median unit price over the product's lines. */
  unitPrice: number;
  quantities: number[];
}

/**
 * What orders look like in an order-line file (Online Retail layout): how many invoices a
 * buyer has, the days between a buyer's invoices, lines per invoice, the products by how often
 * they are bought, the time of day of invoices and the buyers' countries. Only empirical
 * distributions are kept; no buyer's history is, so generated orders copy nobody's.
 */
export interface OrderModel {
  invoicesPerBuyer: number[];
  gapDays: number[];
  linesPerInvoice: number[];
  /** Products, one entry per line bought (so a uniform pick is a pick by popularity). */
  productByLine: number[];
  products: ProductProfile[];
  minuteOfDay: number[];
  countries: string[];
  /** Length of the source period in days, first to last invoice. */
  periodDays: number;
}

// The columns written are the source's; only Country may be missing from it.
const RETAIL_COLUMNS = ORDER_COLUMNS.filter((column) => column !== 'Country');
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Learns an `OrderModel` from an order-line CSV with the Online Retail columns. Cancellations
 * (invoice numbers starting with C, quantities below 1) and lines without a customer are left
 * out. Throws `synth_orders_empty` when no line is left.
 */
export async function learnOrderModel(path: string): Promise<OrderModel> {
  const { rows } = await readCsv(path, { requiredColumns: RETAIL_COLUMNS });
  const invoices = new Map<string, { customer: string; time: number; lines: number }>();
  const productIndex = new Map<string, number>();
  const products: ProductProfile[] = [];
  const prices: number[][] = [];
  const productByLine: number[] = [];
  const countryOf = new Map<string, string>();

  for (const row of rows) {
    const invoice = row['InvoiceNo'] ?? '';
    const customer = (row['CustomerID'] ?? '').trim();
    const quantity = parseNumber(row['Quantity'] ?? '');
    const price = parseNumber(row['UnitPrice'] ?? '');
    const time = Date.parse(`${(row['InvoiceDate'] ?? '').replace(' ', 'T')}Z`);
    if (invoice.startsWith('C') || customer === '' || quantity === null || quantity < 1) continue;
    if (price === null || price <= 0 || !Number.isFinite(time)) continue;

    const code = row['StockCode'] ?? '';
    let index = productIndex.get(code);
    if (index === undefined) {
      index = products.length;
      productIndex.set(code, index);
      products.push({
        code,
        description: (row['Description'] ?? '').trim(),
        unitPrice: 0,
        quantities: [],
      });
      prices.push([]);
    }
    products[index]?.quantities.push(quantity);
    prices[index]?.push(price);
    productByLine.push(index);

    const entry = invoices.get(invoice) ?? { customer, time, lines: 0 };
    entry.lines += 1;
    invoices.set(invoice, entry);
    if (!countryOf.has(customer)) countryOf.set(customer, (row['Country'] ?? '').trim());
  }
  if (invoices.size === 0) {
    throw new CrmMlError('synth_orders_empty', `${path} has no order line with a customer`);
  }
  products.forEach((product, i) => {
    product.unitPrice = median(prices[i] ?? []);
  });

  return {
    ...invoiceDistributions([...invoices.values()]),
    productByLine,
    products,
    countries: [...countryOf.values()],
  };
}

function invoiceDistributions(
  invoices: readonly { customer: string; time: number; lines: number }[],
): Pick<
  OrderModel,
  'invoicesPerBuyer' | 'gapDays' | 'linesPerInvoice' | 'minuteOfDay' | 'periodDays'
> {
  const daysByCustomer = new Map<string, number[]>();
  for (const invoice of invoices) {
    const days = daysByCustomer.get(invoice.customer) ?? [];
    days.push(invoice.time / DAY_MS);
    daysByCustomer.set(invoice.customer, days);
  }
  const gapDays: number[] = [];
  for (const days of daysByCustomer.values()) {
    days.sort((a, b) => a - b);
    for (let i = 1; i < days.length; i++) gapDays.push((days[i] ?? 0) - (days[i - 1] ?? 0));
  }
  const times = invoices.map((invoice) => invoice.time);
  return {
    invoicesPerBuyer: [...daysByCustomer.values()].map((days) => days.length),
    gapDays,
    linesPerInvoice: invoices.map((invoice) => invoice.lines),
    minuteOfDay: times.map((time) => Math.floor((time % DAY_MS) / 60_000)),
    periodDays: (Math.max(...times) - Math.min(...times)) / DAY_MS,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
