import { readFile } from 'node:fs/promises';
import { seededRandom } from '../../connectors/sandbox-kit/seeded-random.js';
import { shippedFile } from '../config/package-root.js';
import { readCsv } from '../csv/index.js';

/** The Online Retail slice shipped for the demo (see its PROVENANCE.md). */
export const RETAIL_SEED_PATH: string = shippedFile(
  'data',
  'online-retail',
  'online_retail_demo_slice.csv',
);

/** The UCI labelled sentences shipped for the demo; only the sentences are used. */
export const SENTENCE_SEED_PATHS: readonly string[] = [
  shippedFile('data', 'sentiment-en', 'amazon_cells_labelled.txt'),
  shippedFile('data', 'sentiment-en', 'yelp_labelled.txt'),
];

export interface DemoDataOptions {
  /** Every random choice derives from this; default 7. */
  seed?: number;
  /** Notes are dated up to this many days before `now`; default 120. */
  noteDays?: number;
}

/** One order line of the retail slice and the customer (by position) it belongs to. */
export interface DemoOrderLine {
  row: Record<string, string>;
  customerIndex: number;
}

/** One sentence written about the customer at `customerIndex`, at `at`. */
export interface DemoNote {
  body: string;
  customerIndex: number;
  at: Date;
}

/** The demo's orders and notes, linked to customers by their position in the seeded list. */
export interface DemoData {
  retailColumns: readonly string[];
  orderLines: DemoOrderLine[];
  notes: DemoNote[];
  /** Retail CustomerID → the position of the customer its orders belong to. */
  retailCustomers: ReadonlyMap<string, number>;
  /** Customers that got at least one note. */
  customersWithNotes: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_NOTES_PER_CUSTOMER = 4;

/**
 * The orders and notes of the demo for `customerCount` seeded customers, the same for every
 * CRM: links name customers by position, so each CRM maps them to its own record ids.
 *
 * Mapping, all from one seeded shuffle so a seed gives the same data every time: retail
 * customers sorted by CustomerID; the i-th gets the customer at position `order[i]` of a
 * seeded permutation, so every retail customer has exactly one CRM customer and no CRM
 * customer has two. Sentences, shuffled, go 1–4 at a time to customers taken from another
 * seeded permutation, each dated at a seeded time in the last `noteDays` days before `now`.
 */
export async function buildDemoData(
  customerCount: number,
  now: Date,
  options: DemoDataOptions = {},
): Promise<DemoData> {
  const random = seededRandom(options.seed ?? 7);
  const positions = Array.from({ length: customerCount }, (_, index) => index);

  const retail = await readCsv(RETAIL_SEED_PATH);
  const buyers = [...new Set(retail.rows.map((row) => retailCustomerId(row)))]
    .filter((id) => id !== '')
    .sort((a, b) => Number(a) - Number(b));
  const buyerOrder = shuffled(positions, random);
  const retailCustomers = new Map<string, number>();
  buyers.forEach((buyer, index) => {
    const position = buyerOrder[index % buyerOrder.length];
    if (position !== undefined) retailCustomers.set(buyer, position);
  });
  const orderLines = retail.rows.flatMap((row) => {
    const customerIndex = retailCustomers.get(retailCustomerId(row));
    return customerIndex === undefined ? [] : [{ row, customerIndex }];
  });

  const sentences = shuffled(await readSentences(SENTENCE_SEED_PATHS), random);
  const noteOwners = shuffled(positions, random);
  const noteDays = options.noteDays ?? 120;
  const notes: DemoNote[] = [];
  let owner = 0;
  for (let next = 0; next < sentences.length && customerCount > 0; owner += 1) {
    const customerIndex = noteOwners[owner % noteOwners.length] ?? 0;
    const count = 1 + Math.floor(random() * MAX_NOTES_PER_CUSTOMER);
    for (const body of sentences.slice(next, next + count)) {
      const at = new Date(now.getTime() - Math.floor(random() * noteDays * DAY_MS));
      notes.push({ body, customerIndex, at });
    }
    next += count;
  }

  return {
    retailColumns: retail.columns,
    orderLines,
    notes,
    retailCustomers,
    customersWithNotes: owner,
  };
}

// The shipped CSV keeps the Databricks export's float ids (`17850.0`); the integer names one.
function retailCustomerId(row: Readonly<Record<string, string>>): string {
  const raw = (row['CustomerID'] ?? '').trim();
  return raw === '' ? '' : String(Math.trunc(Number(raw)));
}

/** One sentence a line, `sentence<TAB>label`: split on the last tab, as the data's notes say. */
async function readSentences(paths: readonly string[]): Promise<string[]> {
  const sentences: string[] = [];
  for (const path of paths) {
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      const tab = line.lastIndexOf('\t');
      const sentence = (tab < 0 ? line : line.slice(0, tab)).trim();
      if (sentence !== '') sentences.push(sentence);
    }
  }
  return sentences;
}

/** A seeded Fisher–Yates shuffle of a copy. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}
