import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startSalesforceSandbox } from '../../../connectors/salesforce/sandbox/index.js';
import { readAll, recordIds, sandboxConnector, seedTelcoContacts } from './salesforce-test-kit.js';

describe('Salesforce connector: sync', () => {
  it('full sync reads every Telco contact once and reconciles with COUNT()', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const seeded = await seedTelcoContacts(sandbox);
      const { connector } = sandboxConnector(sandbox);
      const { pages } = await readAll(connector, 'contacts', null);

      const ids = recordIds(pages);
      assert.equal(new Set(ids).size, 7043);
      assert.deepEqual(new Set(ids), new Set(seeded));
      assert.equal(await connector.count('contacts'), ids.length);
      assert.ok(pages.length >= 4, 'REST pages of at most 2,000 were followed');
      const first = pages[0]?.records[0];
      assert.ok(first !== undefined);
      assert.equal('attributes' in first.properties, false);
      assert.equal('SystemModstamp' in first.properties, false);
      assert.match(first.updatedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      // Seeded custom fields come back under crm-ml's snake_case names, typed.
      assert.equal(typeof first.properties['customer_id'], 'string');
      assert.equal(typeof first.properties['monthly_charges'], 'number');
    } finally {
      await sandbox.close();
    }
  });

  it('incremental sync after 10 changes returns exactly those, then nothing', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const seeded = await seedTelcoContacts(sandbox, new Date('2024-01-01T00:00:00Z'));
      const { connector } = sandboxConnector(sandbox);
      const full = await readAll(connector, 'contacts', null);

      const changed = seeded.filter((_id, index) => index % 700 === 3).slice(0, 10);
      changed.forEach((id, index) => {
        const at = new Date(Date.UTC(2024, 0, 2, 0, 0, index));
        sandbox.data.update(id, { Title: `changed ${index}` }, { timestamp: at });
      });
      const next = await readAll(connector, 'contacts', full.cursor);
      assert.deepEqual(recordIds(next.pages).sort(), [...changed].sort());
      const titles = next.pages.flatMap((page) => page.records.map((r) => r.properties['Title']));
      assert.ok(titles.every((title) => String(title).startsWith('changed')));

      const again = await readAll(connector, 'contacts', next.cursor);
      assert.deepEqual(recordIds(again.pages), []);
      assert.equal(again.cursor, next.cursor);
    } finally {
      await sandbox.close();
    }
  });

  it('reads all of 2,500 records sharing one SystemModstamp across small pages', async () => {
    const sandbox = await startSalesforceSandbox({ queryBatchSize: 300 });
    try {
      const at = new Date('2024-05-05T05:05:05Z');
      const rows = Array.from({ length: 2500 }, (_row, index) => ({ LastName: `tie ${index}` }));
      const ids = sandbox.data.createMany('Contact', rows, { timestamp: at });
      const { connector } = sandboxConnector(sandbox);

      const { pages } = await readAll(connector, 'contacts', null);
      assert.deepEqual(new Set(recordIds(pages)), new Set(ids));
      assert.equal(recordIds(pages).length, 2500);

      // Resuming from a cursor in the middle of the tie continues right after it.
      const middle = pages[3]?.cursor ?? null;
      const rest = await readAll(connector, 'contacts', middle);
      const before = recordIds(pages.slice(0, 4));
      assert.equal(recordIds(rest.pages).length, 2500 - before.length);
      assert.equal(new Set([...before, ...recordIds(rest.pages)]).size, 2500);
    } finally {
      await sandbox.close();
    }
  });

  it('reports deleted records since the cursor through queryAll', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const ids = sandbox.data.createMany(
        'Contact',
        Array.from({ length: 20 }, (_row, index) => ({ LastName: `d${index}` })),
        { timestamp: new Date('2024-01-01T00:00:00Z') },
      );
      const { connector } = sandboxConnector(sandbox);
      const full = await readAll(connector, 'contacts', null);

      const gone = [ids[2] ?? '', ids[15] ?? ''];
      for (const id of gone)
        sandbox.data.delete(id, { timestamp: new Date('2024-02-01T00:00:00Z') });
      const next = await readAll(connector, 'contacts', full.cursor);
      assert.deepEqual(next.pages.flatMap((page) => page.deletedIds).sort(), [...gone].sort());
      assert.equal(await connector.count('contacts'), 18);
    } finally {
      await sandbox.close();
    }
  });

  it('reads through a Bulk API 2.0 job above the threshold, paging its locators', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const seeded = await seedTelcoContacts(sandbox);
      const { connector } = sandboxConnector(sandbox, { bulkThreshold: 1000, bulkPageSize: 2500 });
      const { pages, cursor } = await readAll(connector, 'contacts', null);

      assert.equal(new Set(recordIds(pages)).size, seeded.length);
      assert.ok(pages.length >= 3, 'more than one locator page');
      const byRoute = Object.keys(sandbox.stats.byRoute).join(' ');
      assert.match(byRoute, /jobs\/query/);
      const sample = pages[0]?.records[0];
      assert.equal(typeof sample?.properties['HasOptedOutOfEmail'], 'boolean');
      assert.equal(typeof sample?.properties['monthly_charges'], 'number');
      assert.equal(sample?.properties['Email'], null);

      // Nothing changed: the cursor from the bulk read leaves nothing to read.
      const again = await readAll(connector, 'contacts', cursor);
      assert.deepEqual(recordIds(again.pages), []);
    } finally {
      await sandbox.close();
    }
  });
});
