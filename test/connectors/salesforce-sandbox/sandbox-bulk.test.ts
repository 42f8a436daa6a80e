import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';
import { connect, errorOf, type Connection } from './sandbox-client.js';

const POLL = { pollInterval: 20, pollTimeout: 5000 };

describe('salesforce sandbox: Bulk API 2.0 with @salesforce/core', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  let ids: string[];

  before(async () => {
    sandbox = await startSalesforceSandbox();
    ids = sandbox.data.createMany(
      'Contact',
      Array.from({ length: 5 }, (_, index) => ({ LastName: `Bulk ${index}`, Title: 'Say "hi"' })),
      { timestamp: new Date('2024-01-15T10:00:00Z') },
    );
    conn = await connect(sandbox);
  });

  after(async () => {
    await sandbox.close();
  });

  it('runs a single-page query job through jsforce', async () => {
    const stream = await conn.bulk2.query(
      "SELECT Id, LastName, Title, CreatedDate FROM Contact WHERE LastName LIKE 'Bulk%'",
      POLL,
    );
    const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const collected: Record<string, unknown>[] = [];
      stream.on('record', (row: Record<string, unknown>) => collected.push(row));
      stream.on('end', () => resolve(collected));
      stream.on('error', reject);
    });
    assert.equal(rows.length, 5);
    assert.equal(rows[0]?.['Title'], 'Say "hi"');
    assert.equal(rows[0]?.['CreatedDate'], '2024-01-15T10:00:00.000Z');
  });

  it('pages results with Sforce-Locator until the string null', async () => {
    const base = '/services/data/v62.0/jobs/query';
    const job = await conn.request<{ id: string; state: string }>({
      method: 'POST',
      url: base,
      body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Contact' }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(job.state, 'UploadComplete');
    const states = [];
    for (let poll = 0; poll < 2; poll += 1) {
      states.push((await conn.request<{ state: string }>(`${base}/${job.id}`)).state);
    }
    assert.deepEqual(states, ['InProgress', 'JobComplete']);

    const pages: string[] = [];
    let locator = '';
    do {
      const query = `maxRecords=2${locator === '' ? '' : `&locator=${locator}`}`;
      const response = await fetch(`${sandbox.url}${base}/${job.id}/results?${query}`, {
        headers: { authorization: `Bearer ${sandbox.accessToken}` },
      });
      pages.push(response.headers.get('sforce-numberofrecords') ?? '');
      locator = response.headers.get('sforce-locator') ?? 'null';
    } while (locator !== 'null');
    assert.deepEqual(pages, ['2', '2', '1']);
  });

  it('refuses compound fields in bulk queries', async () => {
    const error = await errorOf(conn.bulk2.query('SELECT MailingAddress FROM Contact', POLL));
    assert.match(error.message, /compound data not supported/);
  });

  it('ingests updates and reports failed rows with sf__Error', async () => {
    const [kept, deleted] = [ids[0] ?? '', ids[1] ?? ''];
    sandbox.data.delete(deleted);
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'update',
      input: [
        // jsforce takes the CSV header from the first record, so it names every column.
        { Id: kept, Title: 'CEO', Email: 'ceo@example.com' },
        { Id: deleted, Title: 'CTO', Email: '' },
        { Id: kept, Title: 'CEO', Email: 'not-an-email' },
      ],
      ...POLL,
    });
    assert.equal(results.successfulResults.length, 1);
    assert.equal(results.successfulResults[0]?.sf__Id, kept);
    assert.equal(results.successfulResults[0]?.sf__Created, 'false');
    assert.deepEqual(
      results.failedResults.map((row) => String(row.sf__Error).split(':')[0]),
      ['ENTITY_IS_DELETED', 'INVALID_EMAIL_ADDRESS'],
    );
    assert.equal(results.unprocessedRecords.length, 0);
    assert.equal(sandbox.data.get(kept)?.values['Title'], 'CEO');
  });

  it('ingests inserts, with sf__Created true', async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: [{ Name: 'Bulk Co', NumberOfEmployees: '12' }],
      ...POLL,
    });
    const id = String(results.successfulResults[0]?.sf__Id);
    assert.match(id, /^001/);
    assert.equal(results.successfulResults[0]?.sf__Created, 'true');
    assert.equal(sandbox.data.get(id)?.values['NumberOfEmployees'], 12);
  });
});
