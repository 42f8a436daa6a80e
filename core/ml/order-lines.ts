import { parseNumber } from '../csv/parse-number.js';
import type { CrmRecord, PropertyValue } from '../records/crm-record.js';
import { parseTimestamp } from './parse-timestamp.js';

/** Where the facts of an order line sit: column or property names. */
export interface OrderLineFields {
  /** The customer id; for CRM records the `contacts` association is used instead. */
  customer?: string;
  time: string;
  item?: string;
  name?: string;
  quantity?: string;
  /** Unit price: the line's amount is quantity × price when `amount` is absent. */
  price?: string;
  amount?: string;
  invoice?: string;
}

/** One purchase (or return) line, normalised. */
export interface OrderLine {
  customer: string;
  /** Epoch milliseconds. */
  time: number;
  item: string | null;
  name: string | null;
  /** 1 when no quantity field is named. */
  quantity: number;
  /** Money spent; null when neither amount nor price is named. */
  amount: number | null;
  invoice: string | null;
  /** A return or cancellation: negative quantity or amount, or an invoice id starting 'C'. */
  returned: boolean;
}

/** The lines read, and what was skipped (counts per reason, then up to 20 examples). */
export interface OrderLinesRead {
  lines: OrderLine[];
  skipped: Record<string, number>;
  examples: string[];
  /** Sentences for the user: lines dated after now, which one typo in a year produces. */
  warnings: string[];
}

/** How order lines are read. */
export interface OrderReadOptions {
  /** Epoch ms of "now"; lines dated over a day after it are left out. Default the clock. */
  now?: number;
}

const MAX_EXAMPLES = 20;
const MAX_FUTURE_EXAMPLES = 3;
const DATED_AFTER_NOW = 'dated_after_now';
// A day of slack: a date without a zone, read as UTC, may run hours ahead of the clock.
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** What one read keeps besides the result: the clock and the lines dated after it. */
interface ReadState {
  read: OrderLinesRead;
  now: number;
  future: string[];
}

/**
 * Reads order lines from table rows (CSV). `firstLine` is the file line of rows[0] (2 after
 * a header) so examples name real lines. Lines dated after now are left out and warned of.
 */
export function readOrderRows(
  rows: readonly Record<string, string>[],
  fields: OrderLineFields,
  firstLine = 2,
  options: OrderReadOptions = {},
): OrderLinesRead {
  const state = startRead(options);
  rows.forEach((row, index) => {
    const customer = fields.customer === undefined ? '' : text(row[fields.customer]);
    addLine(state, customer, row, fields, `line ${index + firstLine}`);
  });
  return finishRead(state);
}

/** Reads order lines from CRM records, once per associated contact; see `readOrderRows`. */
export function readOrderRecords(
  records: readonly CrmRecord[],
  fields: OrderLineFields,
  options: OrderReadOptions = {},
): OrderLinesRead {
  const state = startRead(options);
  for (const record of records) {
    if (record.archived) continue;
    const contacts = record.associations?.contacts ?? [];
    if (contacts.length === 0) addLine(state, '', record.properties, fields, `record ${record.id}`);
    for (const contact of contacts) {
      addLine(state, contact, record.properties, fields, `record ${record.id}`);
    }
  }
  return finishRead(state);
}

function startRead(options: OrderReadOptions): ReadState {
  const read: OrderLinesRead = { lines: [], skipped: {}, examples: [], warnings: [] };
  return { read, now: options.now ?? Date.now(), future: [] };
}

// One order in 2099 would stretch every period to 2099 and leave the test windows empty.
function finishRead(state: ReadState): OrderLinesRead {
  const count = state.read.skipped[DATED_AFTER_NOW] ?? 0;
  if (count > 0) {
    const today = new Date(state.now).toISOString().slice(0, 10);
    const lines = count === 1 ? 'order line dated after' : 'order lines dated after';
    state.read.warnings.push(
      `${count} ${lines} today (${today}) ${count === 1 ? 'was' : 'were'} left out, ` +
        `e.g. ${state.future.join(', ')}`,
    );
  }
  return state.read;
}

function addLine(
  state: ReadState,
  customer: string,
  values: Record<string, PropertyValue | undefined>,
  fields: OrderLineFields,
  where: string,
): void {
  const { read } = state;
  const skip = (reason: string, detail: string): void => {
    read.skipped[reason] = (read.skipped[reason] ?? 0) + 1;
    if (read.examples.length < MAX_EXAMPLES) read.examples.push(`${where}: ${detail}`);
  };

  if (customer === '') return skip('no_customer', 'no customer');
  const rawTime = values[fields.time];
  const time = parseTimestamp(typeof rawTime === 'boolean' ? null : rawTime);
  if (time === null) return skip('bad_time', `unreadable time '${String(rawTime ?? '')}'`);
  if (time > state.now + FUTURE_SLACK_MS) {
    const day = new Date(time).toISOString().slice(0, 10);
    if (state.future.length < MAX_FUTURE_EXAMPLES) state.future.push(`${where}: ${day}`);
    return skip(DATED_AFTER_NOW, `dated ${day}, after today`);
  }

  const item = fields.item === undefined ? null : text(values[fields.item]);
  if (item === '') return skip('no_item', 'no item id');
  const quantity = fields.quantity === undefined ? 1 : number(values[fields.quantity]);
  if (quantity === null) return skip('bad_quantity', 'unreadable quantity');

  let amount: number | null = null;
  if (fields.amount !== undefined) amount = number(values[fields.amount]);
  else if (fields.price !== undefined) {
    const price = number(values[fields.price]);
    amount = price === null ? null : price * quantity;
  }
  if ((fields.amount ?? fields.price) !== undefined && amount === null) {
    return skip('bad_amount', 'unreadable amount or price');
  }

  const invoice = fields.invoice === undefined ? null : text(values[fields.invoice]) || null;
  const returned = quantity < 0 || (amount ?? 0) < 0 || /^c/i.test(invoice ?? '');
  const name = fields.name === undefined ? null : text(values[fields.name]) || null;
  read.lines.push({ customer, time, item, name, quantity, amount, invoice, returned });
}

function text(value: PropertyValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function number(value: PropertyValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' ? parseNumber(value) : null;
}
