import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsv } from '../../../core/csv/read-csv.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';

const FIXTURES = 'test/fixtures/csv';
const TELCO = 'data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv';

function fixture(name: string): string {
  return `${FIXTURES}/${name}`;
}

async function rejectsWith(path: string, code: string, ...fragments: string[]): Promise<void> {
  await assert.rejects(readCsv(path, { requiredColumns: ['id'] }), (error: unknown) => {
    assert.ok(error instanceof CrmMlError);
    assert.equal(error.code, code);
    for (const fragment of fragments) assert.match(error.message, new RegExp(fragment));
    return true;
  });
}

describe('readCsv', () => {
  it('reads the Telco file: 7,043 rows, 21 columns, blank TotalCharges as ""', async () => {
    const table = await readCsv(TELCO, { requiredColumns: ['customerID', 'Churn'] });

    assert.equal(table.rows.length, 7043);
    assert.equal(table.columns.length, 21);
    assert.deepEqual(table.problems, []);
    assert.equal(table.rows[0]?.['customerID'], '7590-VHVEG');
    assert.equal(table.rows.filter((row) => row['TotalCharges'] === '').length, 11);
  });

  it('skips rows with the wrong field count and names their lines', async () => {
    const table = await readCsv(fixture('malformed-rows.csv'));

    assert.deepEqual(
      table.rows.map((row) => row['id']),
      ['1', '3', '5'],
    );
    assert.deepEqual(table.problems, [
      {
        path: 'test/fixtures/csv/malformed-rows.csv:line 3',
        message: 'expected 3 fields as in the header, found 2',
      },
      {
        path: 'test/fixtures/csv/malformed-rows.csv:line 5',
        message: 'expected 3 fields as in the header, found 4',
      },
    ]);
  });

  it('reports an unterminated quote by line and column and reads on', async () => {
    const table = await readCsv(fixture('unterminated-quote.csv'));

    assert.deepEqual(
      table.rows.map((row) => row['id']),
      ['1', '3', '4'],
    );
    assert.equal(table.problems.length, 1);
    assert.equal(table.problems[0]?.path, 'test/fixtures/csv/unterminated-quote.csv:line 3');
    assert.match(table.problems[0]?.message ?? '', /column 2 \(name\): a quote .* never closed/);
  });

  it('recovers when an unterminated quote meets a later quoted field', async () => {
    const table = await readCsv(fixture('unterminated-quote-then-quotes.csv'));

    assert.deepEqual(
      table.rows.map((row) => `${row['id']}:${row['name']}`),
      ['1:Ada', '3:Cy', '4:Di'],
    );
    assert.equal(
      table.problems[0]?.path,
      'test/fixtures/csv/unterminated-quote-then-quotes.csv:line 3',
    );
  });

  it('reports stray quotes and keeps a quoted value that spans lines', async () => {
    const table = await readCsv(fixture('bad-quotes.csv'));

    assert.deepEqual(table.rows, [
      { id: '3', name: 'multi\nline', score: '30' },
      { id: '4', name: 'Di', score: '40' },
    ]);
    assert.deepEqual(
      table.problems.map((problem) => problem.path.replace(/^.*:/, '')),
      ['line 2', 'line 3'],
    );
    assert.match(table.problems[0]?.message ?? '', /^column 2 \(name\): a closing quote/);
    assert.match(table.problems[1]?.message ?? '', /^column 2 \(name\): a quote appears inside/);
  });

  it('reads UTF-8 with a BOM and CRLF line ends', async () => {
    const table = await readCsv(fixture('bom-crlf.csv'), { requiredColumns: ['id'] });

    assert.deepEqual(table.columns, ['id', 'name', 'score']);
    assert.deepEqual(
      table.rows.map((row) => row['name']),
      ['Ada', 'Bob\r\nJr', 'Cy'],
    );
  });

  it('keeps unicode and surrounding spaces, and blanks whitespace-only values', async () => {
    const table = await readCsv(fixture('unicode.csv'));

    assert.deepEqual(table.rows, [
      { id: '1', name: 'Zoë', note: 'café ☕' },
      { id: '2', name: '王小明', note: '🎉 party, 🚀' },
      { id: '3', name: ' Eve ', note: '' },
    ]);
  });

  it('blanks space- and tab-only numeric cells', async () => {
    const table = await readCsv(fixture('blank-numeric.csv'));

    assert.deepEqual(
      table.rows.map((row) => row['TotalCharges']),
      ['29.85', '', ''],
    );
  });

  it('reads another delimiter when told', async () => {
    const table = await readCsv(fixture('semicolon.csv'), { delimiter: ';' });

    assert.deepEqual(table.rows[1], { id: '2', name: 'Bob', score: '20' });
  });

  it('fails with csv_empty on an empty file and on a header without rows', async () => {
    await rejectsWith(fixture('empty.csv'), 'csv_empty', 'empty\\.csv is empty');
    await rejectsWith(fixture('header-only.csv'), 'csv_empty', 'header-only\\.csv has a header');
  });

  it('fails with csv_missing_columns naming the missing and the present columns', async () => {
    await assert.rejects(
      readCsv(fixture('unicode.csv'), { requiredColumns: ['id', 'email', 'phone'] }),
      {
        code: 'csv_missing_columns',
        message:
          'test/fixtures/csv/unicode.csv:line 1: missing required column(s) "email", "phone";' +
          ' the header has: id, name, note',
      },
    );
  });

  it('fails with csv_duplicate_columns naming the column and its positions', async () => {
    await rejectsWith(
      fixture('duplicate-columns.csv'),
      'csv_duplicate_columns',
      'duplicate-columns\\.csv:line 1',
      '"name" \\(columns 2 and 4\\)',
    );
  });

  it('fails with csv_blank_column and csv_malformed_header on a broken header', async () => {
    await rejectsWith(
      fixture('blank-column.csv'),
      'csv_blank_column',
      'line 1: column 2 has no name',
    );
    await rejectsWith(
      fixture('malformed-header.csv'),
      'csv_malformed_header',
      'line 1: .*never closed',
    );
  });

  it('fails with csv_not_found for a missing file', async () => {
    await rejectsWith(fixture('no-such-file.csv'), 'csv_not_found', 'no-such-file\\.csv');
  });
});
