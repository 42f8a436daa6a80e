import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { parseSingleJson, runCli } from '../../helpers/run-cli.js';

const ORDERS = fileURLToPath(new URL('../../fixtures/orders/retail-small.csv', import.meta.url));
const CHURN = fileURLToPath(
  new URL('../../../data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv', import.meta.url),
);
const SENTIMENT = fileURLToPath(
  new URL('../../../data/sentiment-en/amazon_cells_labelled.txt', import.meta.url),
);
const ORDER_COLUMNS = ['--csv', ORDERS, '--customer', 'CustomerID', '--time', 'InvoiceDate'];
const RECOMMEND = ['eval', 'recommendations', ...ORDER_COLUMNS, '--item', 'StockCode'];

/** Runs a command that must fail and returns its JSON error. */
async function failure(args: string[]): Promise<{ code: string; message: string }> {
  const result = await runCli([...args, '--json']);
  assert.equal(result.code, 1, result.stdout + result.stderr);
  return (parseSingleJson(result.stdout) as { error: { code: string; message: string } }).error;
}

describe('eval option mistakes are errors that name the option', { concurrency: true }, () => {
  it('--test-days must be a positive whole number', async () => {
    for (const value of ['abc', '-5', '0']) {
      const error = await failure([...RECOMMEND, '--test-days', value]);
      assert.equal(error.code, 'cli_invalid_option', value);
      assert.match(error.message, /--test-days/);
    }
  });

  it('--test-days that leaves nothing to train on is an error', async () => {
    const error = await failure([...RECOMMEND, '--test-days', '100000']);
    assert.equal(error.code, 'recommendations_split_empty');
  });

  it('eval churn --id naming a missing column is csv_missing_columns', async () => {
    const error = await failure([
      'eval',
      'churn',
      '--csv',
      CHURN,
      '--target',
      'Churn',
      '--id',
      'nope',
    ]);
    assert.equal(error.code, 'csv_missing_columns');
    assert.match(error.message, /nope/);
  });

  it('eval segments --k above the number of customers is an error, not k = 1', async () => {
    const error = await failure(['eval', 'segments', ...ORDER_COLUMNS, '--k', '1000000']);
    assert.equal(error.code, 'segments_k_invalid');
  });

  it('--plot with another extension than .svg is an error', async () => {
    const error = await failure(['eval', 'segments', ...ORDER_COLUMNS, '--plot', 'x.png']);
    assert.equal(error.code, 'cli_invalid_option');
    assert.match(error.message, /\.svg/);
  });

  it('a column option with no parsable value names the option and column', async () => {
    const price = await failure([
      ...['eval', 'segments', ...ORDER_COLUMNS, '--quantity', 'Quantity'],
      ...['--price', 'Description'],
    ]);
    assert.equal(price.code, 'csv_column_unreadable');
    assert.match(price.message, /--price Description/);

    const time = await failure([
      ...['eval', 'recommendations', '--csv', ORDERS, '--customer', 'CustomerID'],
      ...['--item', 'StockCode', '--time', 'Description'],
    ]);
    assert.match(time.message, /--time Description/);
  });
});

describe('eval on the shipped files as they are', { concurrency: true }, () => {
  it('eval sentiment reads the headerless, quote-bearing TSV with --no-header --quote none', async () => {
    const result = await runCli([
      ...['eval', 'sentiment', '--csv', SENTIMENT, '--no-header', '--delimiter', 'tab'],
      ...['--quote', 'none', '--text', '0', '--label', '1', '--json'],
    ]);
    assert.equal(result.code, 0, result.stderr);
    const output = parseSingleJson(result.stdout);
    assert.equal(output['rows'], 1000);
    assert.equal(output['skipped_rows'], 0);
  });

  it('eval churn text output shows the baseline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crm-ml-eval-'));
    try {
      const lines = (await readFile(CHURN, 'utf8')).split('\n').slice(0, 301);
      const small = join(dir, 'telco-300.csv');
      await writeFile(small, `${lines.join('\n')}\n`);
      const result = await runCli(['eval', 'churn', '--csv', small, '--target', 'Churn']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^baseline +ROC AUC 0\.\d+, PR AUC/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('eval churn reads a ;-separated export with --delimiter as the same table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crm-ml-eval-'));
    try {
      const lines = (await readFile(CHURN, 'utf8')).split('\n').slice(0, 301);
      const comma = join(dir, 'telco-comma.csv');
      const semicolon = join(dir, 'telco-semicolon.csv');
      await writeFile(comma, `${lines.join('\n')}\n`);
      await writeFile(semicolon, `${lines.map((line) => line.replaceAll(',', ';')).join('\n')}\n`);
      const churn = ['eval', 'churn', '--target', 'Churn', '--id', 'customerID', '--json'];
      const [byComma, bySemicolon] = await Promise.all([
        runCli([...churn, '--csv', comma]),
        runCli([...churn, '--csv', semicolon, '--delimiter', ';', '--quote', 'none']),
      ]);
      assert.equal(bySemicolon.code, 0, bySemicolon.stdout + bySemicolon.stderr);
      const expected = parseSingleJson(byComma.stdout);
      const actual = parseSingleJson(bySemicolon.stdout);
      assert.equal(actual['rows'], 300);
      assert.equal(actual['roc_auc'], expected['roc_auc']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
