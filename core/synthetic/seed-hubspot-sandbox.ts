import { readCsv } from '../csv/index.js';
import {
  seedRows,
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../connectors/hubspot/sandbox/index.js';
import type { WrittenSynthetic } from './write-synthetic.js';

/** A HubSpot sandbox seeded with synthetic files, and what went in. */
export interface SeededSynthetic {
  sandbox: HubSpotSandbox;
  contacts: number;
  orders: number;
  notes: number;
}

/**
 * Starts the HubSpot sandbox the demo uses and seeds it from `written`: customers as
 * contacts, order lines as `orders` and notes as `notes` (`hs_note_body`, `hs_timestamp`),
 * each linked to its customer's contact, as the demo seeds real data. The sandbox holds every
 * record in memory, so this suits sandbox-sized files, not a million rows.
 */
export async function seedHubSpotSandbox(
  written: WrittenSynthetic,
  keyColumn: string,
  options: { port: number; accessToken: string },
): Promise<SeededSynthetic> {
  const sandbox = await startHubSpotSandbox(options);
  try {
    const timestamp = sandbox.data.now();
    const customers = await readCsv(written.customers.path);
    const contactIds = seedRows(
      sandbox.data,
      'contacts',
      customers.columns,
      customers.rows,
      () => ({
        timestamp,
      }),
    );
    const contactOf = new Map(
      customers.rows.map((row, i) => [row[keyColumn] ?? '', contactIds[i] ?? '']),
    );
    const linked = (key: string | undefined) => ({
      timestamp,
      associations: { contacts: [contactOf.get(key ?? '') ?? ''] },
    });

    let orders = 0;
    if (written.orders && written.orders.rows > 0) {
      const table = await readCsv(written.orders.path);
      orders = seedRows(sandbox.data, 'orders', table.columns, table.rows, (row) =>
        linked(row['CustomerID']),
      ).length;
    }
    let notes = 0;
    if (written.notes && written.notes.rows > 0) {
      const table = await readCsv(written.notes.path);
      for (const row of table.rows) {
        sandbox.data.create(
          'notes',
          { hs_note_body: row['body'] ?? '', hs_timestamp: row['timestamp'] ?? '' },
          { associations: linked(row['customer_id']).associations },
        );
        notes += 1;
      }
    }
    return { sandbox, contacts: contactIds.length, orders, notes };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
