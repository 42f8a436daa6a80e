import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../../../core/csv/index.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { seedHubSpotSandbox } from '../../../core/synthetic/seed-hubspot-sandbox.js';
import { synthesize, type SynthesizeOptions } from '../../../core/synthetic/synthesize.js';

const fixture = (path: string): string =>
  fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
const folders: string[] = [];
after(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function run(overrides: Partial<SynthesizeOptions> = {}): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'crm-ml-synth-'));
  folders.push(outDir);
  await synthesize({
    from: fixture('synthetic/customers.csv'),
    customers: 250,
    outDir,
    seed: 5,
    buyerShare: 0.3,
    noteShare: 0.2,
    ordersFrom: fixture('orders/retail-small.csv'),
    asOf: new Date('2026-01-31T00:00:00Z'),
    ...overrides,
  });
  return outDir;
}

async function rejectsWith(overrides: Partial<SynthesizeOptions>, code: string): Promise<void> {
  await assert.rejects(run(overrides), (error: unknown) => {
    assert.ok(error instanceof CrmMlError, String(error));
    assert.equal(error.code, code, error.message);
    return true;
  });
}

describe('synthesize', () => {
  let outDir = '';
  before(async () => {
    outDir = await run();
  });

  it('writes customers, their orders and notes, linked by the fake customer key', async () => {
    const customers = await readCsv(join(outDir, 'customers.csv'));
    const orders = await readCsv(join(outDir, 'orders.csv'));
    const notes = await readCsv(join(outDir, 'notes.csv'));
    assert.equal(customers.rows.length, 250);

    const keys = new Set(customers.rows.map((row) => row['id']));
    assert.ok(orders.rows.length > 0 && notes.rows.length > 0);
    assert.ok(orders.rows.every((row) => keys.has(row['CustomerID'])));
    assert.ok(notes.rows.every((row) => keys.has(row['customer_id'])));
    const buyers = new Set(orders.rows.map((row) => row['CustomerID'])).size;
    assert.ok(buyers > 40 && buyers < 110, `${buyers} buyers of 250 at a share of 0.3`);

    const source = await readCsv(fixture('orders/retail-small.csv'));
    const products = new Set(source.rows.map((row) => row['StockCode']));
    for (const row of orders.rows) {
      assert.ok(Number(row['Quantity']) >= 1 && Number(row['UnitPrice']) > 0);
      assert.ok(row['InvoiceDate'] !== undefined && row['InvoiceDate'] <= '2026-01-31 23:59:59');
      assert.ok(products.has(row['StockCode']), `product ${row['StockCode']} is in the source`);
    }
    const shipped = await readFile(
      fixture('../../data/sentiment-en/amazon_cells_labelled.txt'),
      'utf8',
    );
    const yelp = await readFile(fixture('../../data/sentiment-en/yelp_labelled.txt'), 'utf8');
    for (const note of notes.rows) assert.ok(`${shipped}${yelp}`.includes(note['body'] ?? '?'));
  });

  it('seeds the HubSpot sandbox with contacts, orders and notes linked to them', async () => {
    const written = {
      customers: { path: join(outDir, 'customers.csv'), rows: 250 },
      orders: { path: join(outDir, 'orders.csv'), rows: 1, buyers: 1 },
      notes: { path: join(outDir, 'notes.csv'), rows: 1, customers: 1 },
    };
    const seeded = await seedHubSpotSandbox(written, 'id', { port: 0, accessToken: 't' });
    try {
      const orders = await readCsv(written.orders.path);
      assert.equal(seeded.contacts, 250);
      assert.equal(seeded.orders, orders.rows.length);
      const [contactId] = seeded.sandbox.data.associatedIds('orders', '1', 'contacts');
      const contact = seeded.sandbox.data.get('contacts', contactId ?? '');
      assert.equal(contact?.properties['id'], orders.rows[0]?.['CustomerID']);
    } finally {
      await seeded.sandbox.close();
    }
  });

  it('writes byte-identical files for the same seed', async () => {
    const second = await run();
    for (const file of ['customers.csv', 'orders.csv', 'notes.csv']) {
      assert.equal(
        await readFile(join(outDir, file), 'utf8'),
        await readFile(join(second, file), 'utf8'),
      );
    }
  });

  it('refuses a count that is not a whole number of at least 1', async () => {
    for (const customers of [0, -3, 1.5, Number.NaN]) {
      await rejectsWith({ customers }, 'synth_count_invalid');
    }
  });

  it('names the problem with the source file', async () => {
    await rejectsWith({ from: fixture('synthetic/missing.csv') }, 'csv_not_found');
    await rejectsWith({ from: fixture('synthetic/header-only.csv') }, 'csv_empty');
    await rejectsWith({ from: fixture('synthetic/all-blank.csv') }, 'synth_no_columns');
    await rejectsWith({ buyerShare: 1.5 }, 'synth_share_invalid');
  });
});
