import { buildDemoData, type DemoDataOptions } from '../../../core/demo/demo-data.js';
import { seedFromCsv, seedRows, TELCO_SEED_PATH } from './seed-from-csv.js';
import type { HubSpotSandbox } from './start-hubspot-sandbox.js';

export { RETAIL_SEED_PATH, SENTENCE_SEED_PATHS } from '../../../core/demo/demo-data.js';

/** Every random choice of the seeding derives from `seed` (default 7); see `buildDemoData`. */
export type SeedDemoOptions = DemoDataOptions;

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

/**
 * Seeds the demo portal: the 7,043 Telco customers as contacts, the order lines of the
 * Online Retail slice as `orders` linked to contacts, and the UCI sentences as `notes`
 * (`hs_note_body`, `hs_timestamp`), mapped to contacts as `buildDemoData` says.
 */
export async function seedDemo(
  sandbox: HubSpotSandbox,
  options: SeedDemoOptions = {},
): Promise<DemoSeed> {
  const contactIds = await seedFromCsv(sandbox, 'contacts', TELCO_SEED_PATH);
  const timestamp = sandbox.data.now();
  const demo = await buildDemoData(contactIds.length, timestamp, options);
  const contactAt = (index: number): string => contactIds[index] ?? '';

  const orderIds = seedRows(
    sandbox.data,
    'orders',
    demo.retailColumns,
    demo.orderLines.map((line) => line.row),
    (_row, index) => ({
      timestamp,
      associations: { contacts: [contactAt(demo.orderLines[index]?.customerIndex ?? -1)] },
    }),
  );

  const noteIds = demo.notes.map((note) =>
    sandbox.data.create(
      'notes',
      { hs_note_body: note.body, hs_timestamp: note.at.toISOString() },
      { associations: { contacts: [contactAt(note.customerIndex)] } },
    ),
  );

  const customerContacts = new Map(
    [...demo.retailCustomers].map(([customer, index]) => [customer, contactAt(index)]),
  );
  return {
    contactIds,
    orderIds,
    noteIds,
    customerContacts,
    contactsWithNotes: demo.customersWithNotes,
  };
}
