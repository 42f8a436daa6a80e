import { readFile } from 'node:fs/promises';
import { shippedFile } from '../../../core/config/package-root.js';
import { readCsv } from '../../../core/csv/index.js';
import { seededRandom } from '../../sandbox-kit/seeded-random.js';
import { seedFromCsv, seedRows, TELCO_SEED_PATH } from './seed-from-csv.js';
import type { HubSpotSandbox } from './start-hubspot-sandbox.js';

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

export interface SeedDemoOptions {
  /** Every random choice of the seeding derives from this; default 7. */
  seed?: number;
  /** Notes are dated up to this many days before the sandbox clock; default 120. */
  noteDays?: number;
}

/** What `seedDemo` created. */
export interface DemoSeed {
  contactIds: string[];
  orderIds: string[];
  noteIds: string[];
  /** Retail CustomerID → the contact id its orders belong to. */
  customerContacts: ReadonlyMap<string, string>;
  /** Contacts that got at least one note. */
  contactsWithNotes: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_NOTES_PER_CONTACT = 4;

/**
 * Seeds the demo portal: the 7,043 Telco customers as contacts, the order lines of the
 * Online Retail slice as `orders` linked to contacts, and the UCI sentences as `notes`.
 *
 * Mapping, all from one seeded shuffle so a seed gives the same portal every time: retail
 * customers sorted by CustomerID; the i-th gets the contact at position `order[i]` of a
 * seeded permutation of the contacts, so every retail customer has exactly one contact and
 * no contact has two customers. Sentences, shuffled, go 1–4 at a time to contacts taken from
 * another seeded permutation, each note dated at a seeded time in the last `noteDays` days.
 */
export async function seedDemo(
  sandbox: HubSpotSandbox,
  options: SeedDemoOptions = {},
): Promise<DemoSeed> {
  const random = seededRandom(options.seed ?? 7);
  const contactIds = await seedFromCsv(sandbox, 'contacts', TELCO_SEED_PATH);

  const retail = await readCsv(RETAIL_SEED_PATH);
  const customers = [...new Set(retail.rows.map((row) => customerId(row)))]
    .filter((id) => id !== '')
    .sort((a, b) => Number(a) - Number(b));
  const contactOrder = shuffled(contactIds, random);
  const customerContacts = new Map<string, string>();
  customers.forEach((customer, index) => {
    const contact = contactOrder[index % contactOrder.length];
    if (contact !== undefined) customerContacts.set(customer, contact);
  });

  const withCustomer = retail.rows.filter((row) => customerContacts.has(customerId(row)));
  const timestamp = sandbox.data.now();
  const orderIds = seedRows(sandbox.data, 'orders', retail.columns, withCustomer, (row) => ({
    timestamp,
    associations: { contacts: [customerContacts.get(customerId(row)) ?? ''] },
  }));

  const sentences = shuffled(await readSentences(SENTENCE_SEED_PATHS), random);
  const noteOwners = shuffled(contactIds, random);
  const noteDays = options.noteDays ?? 120;
  const now = sandbox.data.now().getTime();
  const noteIds: string[] = [];
  let owner = 0;
  for (let next = 0; next < sentences.length; owner += 1) {
    const contact = noteOwners[owner % noteOwners.length] ?? '';
    const count = 1 + Math.floor(random() * MAX_NOTES_PER_CONTACT);
    for (const body of sentences.slice(next, next + count)) {
      const at = new Date(now - Math.floor(random() * noteDays * DAY_MS));
      const properties = { hs_note_body: body, hs_timestamp: at.toISOString() };
      noteIds.push(
        sandbox.data.create('notes', properties, { associations: { contacts: [contact] } }),
      );
    }
    next += count;
  }

  return { contactIds, orderIds, noteIds, customerContacts, contactsWithNotes: owner };
}

// The shipped CSV keeps the Databricks export's float ids (`17850.0`); the integer names one.
function customerId(row: Readonly<Record<string, string>>): string {
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
