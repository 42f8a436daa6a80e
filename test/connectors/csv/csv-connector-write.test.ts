import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { FieldSpec } from '../../../connectors/connector.js';
import { createCsvConnector, type CsvConnector } from '../../../connectors/csv/csv-connector.js';

const FIELDS: FieldSpec[] = [
  { name: 'crm_ml_churn_score', label: 'Churn score', description: 'risk', type: 'number' },
  { name: 'crm_ml_churn_reason', label: 'Churn reason', description: 'why', type: 'text' },
];

describe('CSV connector: provision, write, fetch', () => {
  let directory = '';
  let input = '';
  let output = '';
  let connector: CsvConnector;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crm-ml-csv-write-'));
    input = join(directory, 'customers.csv');
    output = join(directory, 'customers.crm-ml.csv');
    await writeFile(input, 'customerID,Name\nc1,Ada\nc2,Bob\nc3,"Cy, Jr"\n');
    connector = createCsvConnector({ inputPath: input, idColumn: 'customerID' });
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('provisions fields as output columns, once', async () => {
    assert.deepEqual(await connector.provisionFields('contacts', FIELDS), {
      created: ['crm_ml_churn_score', 'crm_ml_churn_reason'],
      existing: [],
    });
    assert.deepEqual(await connector.provisionFields('contacts', FIELDS), {
      created: [],
      existing: ['crm_ml_churn_score', 'crm_ml_churn_reason'],
    });
    assert.equal(
      await readFile(output, 'utf8'),
      'customerID,crm_ml_churn_score,crm_ml_churn_reason\n',
    );
  });

  it('writes values, reads them back, and upserts over an earlier output', async () => {
    await connector.provisionFields('contacts', FIELDS);

    const outcomes = await connector.write('contacts', [
      {
        recordId: 'c1',
        values: { crm_ml_churn_score: 0.87, crm_ml_churn_reason: 'tenure, "low"' },
      },
      { recordId: 'c3', values: { crm_ml_churn_score: 0.12, crm_ml_churn_reason: null } },
      { recordId: 'zz', values: { crm_ml_churn_score: 0.5 } },
    ]);
    await connector.write('contacts', [{ recordId: 'c1', values: { crm_ml_churn_score: 0.9 } }]);

    assert.deepEqual(outcomes.slice(0, 2), [
      { recordId: 'c1', ok: true },
      { recordId: 'c3', ok: true },
    ]);
    assert.deepEqual(outcomes[2], {
      recordId: 'zz',
      ok: false,
      code: 'csv_unknown_record',
      message: `record "zz" is not in ${input}`,
      retryable: false,
    });

    const fields = FIELDS.map((field) => field.name);
    const fetched = await connector.fetch('contacts', ['c1', 'c2', 'c3', 'zz'], fields);
    assert.deepEqual(
      fetched.map((record) => [record.id, record.properties]),
      [
        ['c1', { crm_ml_churn_score: '0.9', crm_ml_churn_reason: 'tenure, "low"' }],
        ['c2', { crm_ml_churn_score: null, crm_ml_churn_reason: null }],
        ['c3', { crm_ml_churn_score: '0.12', crm_ml_churn_reason: null }],
      ],
    );
    assert.equal(
      await readFile(output, 'utf8'),
      'customerID,crm_ml_churn_score,crm_ml_churn_reason\n' +
        'c1,0.9,"tenure, ""low"""\n' +
        'c3,0.12,\n',
    );
  });

  it('replaces the output in one rename and leaves no temporary file', async () => {
    await connector.write('contacts', [{ recordId: 'c1', values: { score: 1 } }]);

    const writes = Array.from({ length: 20 }, (_, index) =>
      connector.write('contacts', [
        { recordId: `c${(index % 3) + 1}`, values: { [`f${index}`]: index } },
      ]),
    );
    await Promise.all(writes);

    assert.deepEqual((await readdir(directory)).sort(), ['customers.crm-ml.csv', 'customers.csv']);
    const [header, ...rows] = (await readFile(output, 'utf8')).trim().split('\n');
    assert.equal(header?.split(',').length, 22);
    assert.equal(rows.length, 3);
  });

  it('keeps the old output when a write fails, and never touches the input', async () => {
    await connector.write('contacts', [{ recordId: 'c2', values: { score: 2 } }]);
    const before = await readFile(output, 'utf8');
    const broken = createCsvConnector({
      inputPath: input,
      idColumn: 'customerID',
      outputPath: join(directory, 'missing-dir', 'out.csv'),
    });

    await assert.rejects(broken.write('contacts', [{ recordId: 'c2', values: { score: 3 } }]), {
      code: 'csv_output_unwritable',
    });

    assert.equal(await readFile(output, 'utf8'), before);
    assert.equal(await readFile(input, 'utf8'), 'customerID,Name\nc1,Ada\nc2,Bob\nc3,"Cy, Jr"\n');
  });

  it('refuses a non-finite number per record and an output path equal to the input', async () => {
    const outcomes = await connector.write('contacts', [
      { recordId: 'c1', values: { score: Number.NaN } },
    ]);

    assert.equal(outcomes[0]?.ok, false);
    assert.equal(outcomes[0]?.ok === false && outcomes[0].code, 'csv_invalid_value');
    assert.throws(
      () => createCsvConnector({ inputPath: input, idColumn: 'customerID', outputPath: input }),
      { code: 'csv_connector_invalid' },
    );
  });

  it('describes itself with the CSV facts', () => {
    assert.deepEqual(connector.descriptor, {
      id: 'csv',
      label: 'CSV file',
      objectTypes: ['contacts'],
      readPageSize: 500,
      writeBatchSize: 10_000,
      cursorField: '(file)',
    });
  });
});
