import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SyncPage } from '../../../connectors/connector.js';
import { createCsvConnector } from '../../../connectors/csv/csv-connector.js';

const TELCO = 'data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv';

async function readAll(pages: AsyncIterable<SyncPage>): Promise<SyncPage[]> {
  const all: SyncPage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

function lastCursor(pages: SyncPage[]): string {
  const cursor = pages.at(-1)?.cursor;
  assert.ok(cursor !== undefined);
  return cursor;
}

describe('CSV connector: read', () => {
  let directory = '';
  let input = '';

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crm-ml-csv-connector-'));
    input = join(directory, 'telco.csv');
    await copyFile(TELCO, input);
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads the Telco file in pages of 500 with snake_case properties', async () => {
    const connector = createCsvConnector({ inputPath: input, idColumn: 'customerID' });

    const pages = await readAll(connector.read('contacts', null));

    assert.deepEqual(
      pages.map((page) => page.records.length),
      [...Array<number>(14).fill(500), 43],
    );
    const first = pages[0]?.records[0];
    const mtime = new Date((await stat(input)).mtimeMs).toISOString();
    assert.equal(first?.id, '7590-VHVEG');
    assert.equal(first?.objectType, 'contacts');
    assert.equal(first?.updatedAt, mtime);
    assert.equal(first?.properties['monthly_charges'], '29.85');
    assert.equal(first?.properties['senior_citizen'], '0');
    assert.equal(first?.properties['customer_id'], '7590-VHVEG');
    assert.equal(Object.keys(first?.properties ?? {}).length, 21);
    assert.deepEqual(connector.problems, []);
    assert.equal(await connector.count('contacts'), 7043);

    const cursor = JSON.parse(lastCursor(pages)) as Record<string, unknown>;
    const sha = await import('node:crypto').then(({ createHash }) =>
      readFile(input).then((bytes) => createHash('sha256').update(bytes).digest('hex')),
    );
    assert.equal(cursor['sha256'], sha);
    assert.equal(cursor['size'], (await stat(input)).size);
  });

  it('yields nothing for an unchanged file, even when only its mtime moved', async () => {
    const connector = createCsvConnector({ inputPath: input, idColumn: 'customerID' });
    const cursor = lastCursor(await readAll(connector.read('contacts', null)));

    assert.deepEqual(await readAll(connector.read('contacts', cursor)), []);
    const later = new Date(Date.now() + 60_000);
    await utimes(input, later, later);
    assert.deepEqual(await readAll(connector.read('contacts', cursor)), []);
  });

  it('resumes after the page whose cursor was saved', async () => {
    const connector = createCsvConnector({ inputPath: input, idColumn: 'customerID' });
    const pages = await readAll(connector.read('contacts', null));

    const resumed = await readAll(connector.read('contacts', pages[2]?.cursor ?? null));

    assert.equal(resumed.length, 12);
    assert.equal(resumed[0]?.records[0]?.id, pages[3]?.records[0]?.id);
    assert.equal(
      resumed.reduce((sum, page) => sum + page.records.length, 0),
      7043 - 1500,
    );
    assert.equal(resumed.at(-1)?.cursor, pages.at(-1)?.cursor);
  });

  it('re-reads a changed file and reports the ids it lost as deleted', async () => {
    const connector = createCsvConnector({ inputPath: input, idColumn: 'customerID' });
    const cursor = lastCursor(await readAll(connector.read('contacts', null)));

    const lines = (await readFile(input, 'utf8')).split('\n');
    const removed = [lines[1], lines[2]].map((line) => line?.split(',')[0]);
    lines.splice(1, 2);
    lines[1] = lines[1]?.replace(/,No\r?$/, ',Yes') ?? '';
    await writeFile(input, lines.join('\n'));

    const pages = await readAll(connector.read('contacts', cursor));

    assert.equal(
      pages.reduce((sum, page) => sum + page.records.length, 0),
      7041,
    );
    assert.deepEqual(pages.at(-1)?.deletedIds, removed);
    assert.deepEqual(
      pages.flatMap((page) => page.deletedIds),
      removed,
    );
    assert.deepEqual(await readAll(connector.read('contacts', lastCursor(pages))), []);
  });

  it('reads only the properties asked for', async () => {
    const connector = createCsvConnector({ inputPath: input, idColumn: 'customerID' });

    const pages = await readAll(connector.read('contacts', null, { properties: ['churn'] }));

    assert.deepEqual(Object.keys(pages[0]?.records[0]?.properties ?? {}), ['churn']);
  });

  it('skips bad lines and blank ids, and lets a repeated id win later', async () => {
    const path = join(directory, 'problems.csv');
    await copyFile('test/fixtures/csv/connector-problems.csv', path);
    const connector = createCsvConnector({ inputPath: path, idColumn: 'customerID' });

    const records = (await readAll(connector.read('contacts', null))).flatMap((p) => p.records);

    assert.deepEqual(
      records.map((record) => `${record.id}:${record.properties['name']}`),
      ['c1:Ada', 'c3:Cy', 'c1:Ada Again', 'c5:Ed'],
    );
    assert.deepEqual(
      connector.problems.map(
        (problem) => `${problem.path.replace(/^.*:/, '')}: ${problem.message}`,
      ),
      [
        'line 3: expected 3 fields as in the header, found 2',
        'line 4: id column "customerID" is blank; skipped',
        'line 6: id "c1" also on line 2; this later row wins',
        'line 7: column 2 (Name): a quote opened on this line is never closed; skipped',
      ],
    );
    assert.equal(await connector.count('contacts'), 3);
  });

  it('refuses other object types, bad cursors and a missing id column by code', async () => {
    const connector = createCsvConnector({ inputPath: input, idColumn: 'customerID' });
    await assert.rejects(readAll(connector.read('deals', null)), {
      code: 'csv_unsupported_object_type',
    });
    await assert.rejects(readAll(connector.read('contacts', '{"v":1}')), {
      code: 'csv_invalid_cursor',
    });

    const noId = createCsvConnector({ inputPath: input, idColumn: 'id' });
    await assert.rejects(readAll(noId.read('contacts', null)), { code: 'csv_missing_columns' });
    const missing = createCsvConnector({ inputPath: join(directory, 'nope.csv'), idColumn: 'id' });
    await assert.rejects(readAll(missing.read('contacts', null)), { code: 'csv_not_found' });
  });
});
