import type { SeededRandom } from '../ml/random.js';
import type { OrderModel } from './order-model.js';

/** The order-line columns written, the Online Retail layout the demo seeds orders with. */
export const ORDER_COLUMNS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
] as const;

/** One generated order line. */
export type OrderLine = Record<(typeof ORDER_COLUMNS)[number], string>;

const DAY_MS = 24 * 60 * 60 * 1000;
const GAP_RETRIES = 5;

/** Numbers the generated invoices across customers: `order-0000001`, … */
export class InvoiceCounter {
  private next = 1;

  take(): string {
    return `order-${String(this.next++).padStart(7, '0')}`;
  }
}

/**
 * The order lines of one buyer: an invoice count, gaps between invoices and lines per invoice
 * drawn from the learned distributions, products by popularity with their own quantities and
 * price, placed in the source period shifted to end at `periodEnd`. Products are drawn
 * independently, so which products go together is not kept (recommendations trained on these
 * orders can learn popularity, not pairs).
 */
export function sampleBuyerOrders(
  model: OrderModel,
  customerKey: string,
  periodEnd: Date,
  random: SeededRandom,
  invoices: InvoiceCounter,
): OrderLine[] {
  const count = pick(model.invoicesPerBuyer, random) ?? 1;
  const days = invoiceDays(model, count, random);
  const country = pick(model.countries, random) ?? '';
  const periodStart = periodEnd.getTime() - model.periodDays * DAY_MS;

  const lines: OrderLine[] = [];
  for (const day of days) {
    const minute = pick(model.minuteOfDay, random) ?? 0;
    const at = new Date(Math.floor(periodStart / DAY_MS + day) * DAY_MS + minute * 60_000);
    const invoice = invoices.take();
    const size = pick(model.linesPerInvoice, random) ?? 1;
    for (let line = 0; line < size; line++) {
      const product = model.products[pick(model.productByLine, random) ?? 0];
      if (product === undefined) continue;
      lines.push({
        InvoiceNo: invoice,
        StockCode: product.code,
        Description: product.description,
        Quantity: String(pick(product.quantities, random) ?? 1),
        InvoiceDate: at.toISOString().slice(0, 19).replace('T', ' '),
        UnitPrice: String(product.unitPrice),
        CustomerID: customerKey,
        Country: country,
      });
    }
  }
  return lines;
}

/** Day offsets into the period: a start, then learned gaps; redrawn when they overrun it. */
function invoiceDays(model: OrderModel, count: number, random: SeededRandom): number[] {
  let gaps: number[] = [];
  for (let attempt = 0; attempt < GAP_RETRIES; attempt++) {
    gaps = Array.from({ length: count - 1 }, () => pick(model.gapDays, random) ?? 1);
    if (gaps.reduce((sum, gap) => sum + gap, 0) <= model.periodDays) break;
  }
  const span = Math.min(
    model.periodDays,
    gaps.reduce((sum, gap) => sum + gap, 0),
  );
  let day = random.next() * (model.periodDays - span);
  const days = [day];
  for (const gap of gaps) {
    day = Math.min(model.periodDays, day + gap);
    days.push(day);
  }
  return days;
}

function pick<T>(values: readonly T[], random: SeededRandom): T | undefined {
  return values[random.nextInt(values.length)];
}
