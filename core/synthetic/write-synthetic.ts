import { join } from 'node:path';
import { CsvFileWriter } from '../csv/csv-file-writer.js';
import { SeededRandom } from '../ml/random.js';
import type { ProgressFn } from '../../plugins/plugin.js';
import type { CustomerModel } from './fit-customer-model.js';
import { NOTE_COLUMNS, sampleCustomerNotes } from './note-model.js';
import type { OrderModel } from './order-model.js';
import { customerKeyColumn, outputColumns, sampleCustomers } from './sample-customers.js';
import { InvoiceCounter, ORDER_COLUMNS, sampleBuyerOrders } from './sample-orders.js';

/** What to write beside the customers, and how much of it. */
export interface WriteSyntheticOptions {
  seed: number;
  /** Orders for a `buyerShare` of the customers, when given. */
  orders?: { model: OrderModel; buyerShare: number };
  /** Notes on a `share` of the customers, dated in the `days` before `asOf`, when given. */
  notes?: { texts: readonly string[]; share: number; days: number };
  /** Orders end and notes are dated up to this time. */
  asOf: Date;
  progress?: ProgressFn;
  /** Rows generated at a time; default 10,000. */
  chunkSize?: number;
}

/** Files written and how many rows each holds. */
export interface WrittenSynthetic {
  customers: { path: string; rows: number };
  orders?: { path: string; rows: number; buyers: number };
  notes?: { path: string; rows: number; customers: number };
}

const DEFAULT_CHUNK = 10_000;
// Orders and notes draw from streams of their own, so adding them leaves customers unchanged.
const ORDER_STREAM = 0x5eed01;
const NOTE_STREAM = 0x5eed02;

/**
 * Streams `count` synthetic customers into `customers.csv` in `outDir`, and their orders
 * (`orders.csv`, Online Retail columns, CustomerID = the customer's key) and notes
 * (`notes.csv`) when asked, one chunk at a time.
 */
export async function writeSynthetic(
  model: CustomerModel,
  count: number,
  outDir: string,
  options: WriteSyntheticOptions,
): Promise<WrittenSynthetic> {
  const customers = await CsvFileWriter.open(join(outDir, 'customers.csv'), outputColumns(model));
  const orders = options.orders
    ? await CsvFileWriter.open(join(outDir, 'orders.csv'), ORDER_COLUMNS)
    : null;
  const notes = options.notes
    ? await CsvFileWriter.open(join(outDir, 'notes.csv'), NOTE_COLUMNS)
    : null;
  const orderRandom = new SeededRandom(options.seed ^ ORDER_STREAM);
  const noteRandom = new SeededRandom(options.seed ^ NOTE_STREAM);
  const invoices = new InvoiceCounter();
  const keyColumn = customerKeyColumn(model);
  let buyers = 0;
  let noted = 0;
  let done = 0;

  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  for (const chunk of sampleCustomers(model, count, { seed: options.seed, chunkSize })) {
    for (const row of chunk) {
      await customers.write(row);
      const key = row[keyColumn] ?? '';

      if (orders && options.orders && orderRandom.next() < options.orders.buyerShare) {
        buyers += 1;
        const lines = sampleBuyerOrders(
          options.orders.model,
          key,
          options.asOf,
          orderRandom,
          invoices,
        );
        for (const line of lines) await orders.write(line);
      }
      if (notes && options.notes && noteRandom.next() < options.notes.share) {
        noted += 1;
        const { texts, days } = options.notes;
        for (const note of sampleCustomerNotes(texts, key, options.asOf, days, noteRandom)) {
          await notes.write(note);
        }
      }
    }
    done += chunk.length;
    options.progress?.(done, count);
  }

  await Promise.all([customers.close(), orders?.close(), notes?.close()]);
  return {
    customers: { path: join(outDir, 'customers.csv'), rows: customers.rows },
    ...(orders ? { orders: { path: join(outDir, 'orders.csv'), rows: orders.rows, buyers } } : {}),
    ...(notes
      ? { notes: { path: join(outDir, 'notes.csv'), rows: notes.rows, customers: noted } }
      : {}),
  };
}
