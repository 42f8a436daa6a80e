import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Connector } from '../../../connectors/connector.js';
import {
  seedFromCsv,
  startHubSpotSandbox,
  TELCO_SEED_PATH,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { NO_LIMITS, readAll, sandboxConnector } from './hubspot-test-kit.js';

// Seeded data is old, as in a real portal; changes made by the tests are stamped "now".
const SEED_TIME = new Date(Date.now() - 86_400_000);

describe('HubSpot connector: sync against the sandbox', () => {
  let sandbox: HubSpotSandbox;
  let connector: Connector;
  let seededIds: string[];
  let fullSyncCursor: string;

  before(async () => {
    sandbox = await startHubSpotSandbox({ port: 0, accessToken: 't', ...NO_LIMITS });
    seededIds = await seedFromCsv(sandbox, 'contacts', TELCO_SEED_PATH, { timestamp: SEED_TIME });
    connector = sandboxConnector(sandbox).connector;
  });

  after(async () => {
    await connector.close?.();
    await sandbox.close();
  });

  it('full sync reads every seeded Telco contact once, reconciled with count', async () => {
    const { pages, ids, cursor } = await readAll(connector, 'contacts', null);
    fullSyncCursor = cursor;

    assert.equal(seededIds.length, 7043);
    assert.equal(ids.length, 7043);
    assert.equal(new Set(ids).size, 7043);
    assert.equal(await connector.count('contacts'), 7043);
    assert.ok(pages.every((page) => page.records.length <= 100));

    const record = pages[0]?.records[0];
    assert.ok(record);
    assert.equal(record.objectType, 'contacts');
    assert.equal(record.updatedAt, SEED_TIME.toISOString());
    assert.ok(Object.values(record.properties).every((v) => v === null || typeof v === 'string'));
    assert.ok(Object.keys(record.properties).length > 10, 'all portal properties are fetched');
    assert.ok(record.raw !== undefined);
  });

  it('a full sync resumes from any of its page cursors', async () => {
    const { pages } = await readAll(connector, 'contacts', null, ['email']);
    const middle = pages[30];
    assert.ok(middle);
    const rest = await readAll(connector, 'contacts', middle.cursor, ['email']);
    const before = pages.slice(0, 31).flatMap((page) => page.records.map((r) => r.id));
    assert.equal(new Set([...before, ...rest.ids]).size, 7043);
    assert.equal(rest.ids.length, 7043 - before.length);
  });

  it('incremental sync after 10 changes returns exactly those records', async () => {
    const changed = seededIds.filter((_id, index) => index % 700 === 3).slice(0, 10);
    for (const id of changed) sandbox.data.update('contacts', id, { churn: 'Yes' });

    const run = await readAll(connector, 'contacts', fullSyncCursor);
    assert.deepEqual([...new Set(run.ids)].sort(), [...changed].sort());
    assert.ok(run.ids.length <= 12, `few tie re-reads, got ${run.ids.length}`);

    const again = await readAll(connector, 'contacts', run.cursor);
    assert.equal(again.ids.length, 0, 'a second run reads nothing again');
  });

  it('an incremental run with nothing new yields one empty page with a cursor', async () => {
    const first = await readAll(connector, 'contacts', fullSyncCursor);
    const quiet = await readAll(connector, 'contacts', first.cursor);
    const rerun = await readAll(connector, 'contacts', quiet.cursor);
    assert.equal(rerun.pages.length, 1);
    assert.equal(rerun.ids.length, 0);
    assert.equal(rerun.cursor, quiet.cursor);
  });

  it('reports records archived since the cursor as deleted', async () => {
    const start = await readAll(connector, 'contacts', fullSyncCursor);
    const gone = [seededIds[10], seededIds[20]].filter((id) => id !== undefined);
    for (const id of gone) sandbox.data.archive('contacts', id);

    const run = await readAll(connector, 'contacts', start.cursor);
    assert.deepEqual([...run.deletedIds].sort(), [...gone].sort());
    assert.equal(await connector.count('contacts'), 7041);
  });
});

describe('HubSpot connector: more than 10,000 records on one timestamp', () => {
  let sandbox: HubSpotSandbox;

  before(async () => {
    sandbox = await startHubSpotSandbox({ port: 0, accessToken: 't', ...NO_LIMITS });
  });

  after(async () => sandbox.close());

  it('reads every tied record incrementally, past the search cap', async () => {
    const { connector } = sandboxConnector(sandbox);
    sandbox.data.createMany('companies', [{ name: 'old' }], { timestamp: SEED_TIME });
    const { cursor } = await readAll(connector, 'companies', null, ['name']);

    const tie = new Date(Date.now() + 60_000);
    const rows = Array.from({ length: 10_250 }, (_row, index) => ({ name: `tied ${index}` }));
    const tiedIds = sandbox.data.createMany('companies', rows, { timestamp: tie });
    const later = sandbox.data.create(
      'companies',
      { name: 'later' },
      {
        timestamp: new Date(tie.getTime() + 1),
      },
    );

    const run = await readAll(connector, 'companies', cursor, ['name']);
    const unique = new Set(run.ids);
    assert.equal(unique.size, tiedIds.length + 1);
    for (const id of [...tiedIds, later]) assert.ok(unique.has(id), `missing ${id}`);
    assert.ok(run.ids.length - unique.size <= 1, 'hardly any duplicates');
    await connector.close?.();
  });
});
