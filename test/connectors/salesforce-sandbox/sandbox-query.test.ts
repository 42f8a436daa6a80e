import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';
import { connect, errorOf, type Connection } from './sandbox-client.js';

describe('salesforce sandbox: SOQL over REST with @salesforce/core', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  const tie = new Date('2024-03-01T12:00:00.000Z');

  before(async () => {
    sandbox = await startSalesforceSandbox();
    const rows = Array.from({ length: 2500 }, (_, index) => ({
      LastName: `Tie ${index}`,
      Email: `tie${index}@example.com`,
    }));
    sandbox.data.createMany('Contact', rows, { timestamp: tie });
    sandbox.data.create(
      'Contact',
      {
        FirstName: 'Ada',
        LastName: 'Lovelace',
        Birthdate: '1815-12-10',
        MailingCity: 'London',
        MailingLatitude: 51.5,
      },
      { timestamp: new Date('2024-01-15T10:00:00Z') },
    );
    conn = await connect(sandbox);
  });

  after(async () => {
    await sandbox.close();
  });

  it('pages 2000 rows, then follows the locator under another API version', async () => {
    const first = await conn.query(
      'SELECT Id, LastName FROM Contact WHERE SystemModstamp = 2024-03-01T12:00:00Z',
    );
    assert.equal(first.totalSize, 2500);
    assert.equal(first.done, false);
    assert.equal(first.records.length, 2000);
    assert.match(first.nextRecordsUrl ?? '', /\/services\/data\/v62\.0\/query\/01g\w+-2000$/);
    const raw = await conn.request<{ nextRecordsUrl: string }>(
      '/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Contact',
    );
    assert.match(raw.nextRecordsUrl, /^\/services\/data\/v62\.0\/query\/01g\w{15}-2000$/);

    const other = await connect(sandbox, sandbox.accessToken, '60.0');
    const second = await other.queryMore(first.nextRecordsUrl ?? '');
    assert.equal(second.done, true);
    assert.equal(second.records.length, 500);
    assert.equal(second.nextRecordsUrl, undefined);
  });

  it('formats dates, datetimes, compound addresses and attributes as Salesforce does', async () => {
    const result = await conn.query(
      'SELECT Id, Name, Birthdate, CreatedDate, MailingAddress FROM Contact ' +
        "WHERE LastName = 'lovelace'",
    );
    const [record] = result.records;
    assert.ok(record);
    assert.equal(record['Name'], 'Ada Lovelace');
    assert.equal(record['Birthdate'], '1815-12-10');
    assert.equal(record['CreatedDate'], '2024-01-15T10:00:00.000+0000');
    assert.deepEqual(record['MailingAddress'], {
      city: 'London',
      country: null,
      geocodeAccuracy: null,
      latitude: 51.5,
      longitude: null,
      postalCode: null,
      state: null,
      street: null,
    });
    assert.match(String(record['Id']), /^003\w{15}$/);
    assert.deepEqual(record.attributes, {
      type: 'Contact',
      url: `/services/data/v62.0/sobjects/Contact/${String(record['Id'])}`,
    });
  });

  it('filters, orders and limits; COUNT() answers totalSize only', async () => {
    const ordered = await conn.query(
      "SELECT LastName FROM Contact WHERE LastName IN ('Tie 1', 'Tie 2', 'Tie 10') " +
        'OR Email = null ORDER BY LastName DESC LIMIT 3',
    );
    assert.deepEqual(
      ordered.records.map((row) => row['LastName']),
      ['Tie 2', 'Tie 10', 'Tie 1'],
    );

    const counted = await conn.query("SELECT COUNT() FROM Contact WHERE LastName LIKE 'Tie 1%'");
    assert.equal(counted.totalSize, 1 + 10 + 100 + 1000);
    assert.deepEqual(counted.records, []);
  });

  it('honours Sforce-Query-Options batchSize, clamped to 200..2000', async () => {
    const page = await conn.request<{ records: unknown[]; done: boolean }>({
      method: 'GET',
      url: '/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Contact',
      headers: { 'Sforce-Query-Options': 'batchSize=50' },
    });
    assert.equal(page.records.length, 200);
    assert.equal(page.done, false);
  });

  it('queryAll shows deleted rows with IsDeleted = true; query hides them', async () => {
    const id = sandbox.data.create('Contact', { LastName: 'Gone' });
    sandbox.data.delete(id);
    const live = await conn.query("SELECT Id FROM Contact WHERE LastName = 'Gone'");
    assert.equal(live.totalSize, 0);
    const all = await conn.query("SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Gone'", {
      scanAll: true,
    });
    assert.deepEqual(
      all.records.map((row) => row['IsDeleted']),
      [true],
    );
  });

  it('answers MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE in Salesforce words', async () => {
    const malformed = await errorOf(conn.query('SELECT Id FROM Contact WHERE'));
    assert.equal(malformed.name, 'MALFORMED_QUERY');
    assert.match(malformed.message, /ERROR at Row:1:Column:29\nunexpected token: <EOF>/);

    const mixed = await errorOf(
      conn.query("SELECT Id FROM Contact WHERE LastName = 'a' AND Email = 'b' OR Title = 'c'"),
    );
    assert.equal(mixed.name, 'MALFORMED_QUERY');

    const field = await errorOf(conn.query('SELECT Id, Nope__c FROM Contact'));
    assert.equal(field.name, 'INVALID_FIELD');
    assert.match(field.message, /No such column 'Nope__c' on entity 'Contact'/);

    const type = await errorOf(conn.query('SELECT Id FROM Widget__c'));
    assert.equal(type.name, 'INVALID_TYPE');

    const quoted = await errorOf(
      conn.query("SELECT Id FROM Contact WHERE CreatedDate > '2024-01-01'"),
    );
    assert.equal(quoted.name, 'MALFORMED_QUERY');
  });
});
