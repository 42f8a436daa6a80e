import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { parseSingleJson, runCli } from '../../helpers/run-cli.js';
import { simulatedOrders } from './order-book.js';
import { simulateBgNbd, summarise } from './simulate-bg-nbd.js';

describe('crm-ml eval next-purchase', () => {
  let folder = '';
  let csv = '';
  let log = '';

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'crm-ml-next-purchase-'));
    const orders = simulatedOrders(400, 9);
    csv = join(folder, 'orders.csv');
    const lines = orders.map((o) => `${o.customer},${o.time},${o.amount}`);
    // Line 3 carries a date nobody can read; it is skipped and named.
    lines.splice(1, 0, 'c9999,someday,5');
    await writeFile(csv, ['customer,time,amount', ...lines].join('\n'));
    // The CDNOW layout: space-aligned columns, YYYYMMDD dates, CRLF.
    log = join(folder, 'orders.txt');
    const compact = orders.map(
      (o) => ` ${o.customer}  ${o.time.slice(0, 10).replaceAll('-', '')}   ${o.amount}`,
    );
    await writeFile(log, [' id  date  dollars', ...compact].join('\r\n'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('prints the forecast beside the baselines as one JSON object and draws it', async () => {
    const plot = join(folder, 'next.svg');
    const args = ['--customer', 'customer', '--time', 'time', '--amount', 'amount'];
    const cli = await runCli([
      'eval',
      'next-purchase',
      '--csv',
      csv,
      ...args,
      '--holdout-days',
      '90',
      '--plot',
      plot,
      '--json',
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    const result = parseSingleJson(cli.stdout);
    assert.equal(result['holdout_days'], 90);
    assert.equal(result['customers'], 400);
    assert.deepEqual(Object.keys(result['params'] as object), ['r', 'alpha', 'a', 'b']);
    const model = result['model'] as Record<string, number>;
    const baselines = result['baselines'] as { name: string; mae: number; rmse: number }[];
    assert.deepEqual(
      baselines.map((b) => b.name),
      ['calibration_rate', 'population_rate'],
    );
    for (const key of ['mae', 'rmse', 'correlation', 'total_predicted']) {
      assert.equal(typeof model[key], 'number', key);
    }
    assert.ok(
      (model['rmse'] as number) < (baselines[0]?.rmse as number),
      JSON.stringify(baselines),
    );
    const groups = result['by_calibration_purchases'] as { repeat_purchases: string }[];
    assert.deepEqual(
      groups.map((g) => g.repeat_purchases),
      ['0', '1', '2', '3', '4', '5', '6', '7+'],
    );
    assert.deepEqual(result['skipped_rows'], { bad_time: 1 });
    assert.ok((result['warnings'] as string[]).includes("line 3: unreadable time 'someday'"));
    assert.match(await readFile(plot, 'utf8'), /^<svg[^]*Cumulative repeat purchases[^]*<\/svg>$/);
  });

  it('reads a whitespace-separated log with compact dates and a calibration end', async () => {
    const cli = await runCli([
      'eval',
      'next-purchase',
      '--csv',
      log,
      '--customer',
      'id',
      '--time',
      'date',
      '--amount',
      'dollars',
      '--calibration-end',
      '2023-10-01',
      '--json',
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stderr, /whitespace-separated/);
    const result = parseSingleJson(cli.stdout);
    assert.equal(result['calibration_end'], '2023-10-01');
    assert.equal(result['customers'], 400);
    assert.equal(typeof (result['value'] as Record<string, unknown>)['total_actual'], 'number');
  });

  it('fits a published-style (frequency, recency, T) table', async () => {
    const truth = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
    const summaries = simulateBgNbd(truth, 1500, 4, () => 52).map(summarise);
    const table = join(folder, 'summary.csv');
    const lines = summaries.map((c, i) => `${i},${c.frequency},${c.recency.toFixed(2)},${c.age}`);
    await writeFile(table, ['ID,frequency,recency,T', ...lines].join('\n'));
    const cli = await runCli([
      'eval',
      'next-purchase',
      '--csv',
      table,
      '--frequency',
      'frequency',
      '--recency',
      'recency',
      '--age',
      'T',
      '--json',
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    const result = parseSingleJson(cli.stdout);
    assert.equal(result['customers'], 1500);
    const params = result['params'] as Record<string, number>;
    assert.ok(Math.abs((params['r'] as number) - truth.r) < 0.15, `r ${params['r']}`);
    assert.ok(Number.isFinite(result['log_likelihood']));
  });

  it('answers a missing column and conflicting options with JSON errors', async () => {
    const missing = await runCli([
      'eval',
      'next-purchase',
      '--csv',
      csv,
      '--customer',
      'customer',
      '--time',
      'when',
      '--json',
    ]);
    assert.equal(missing.code, 1);
    const error = parseSingleJson(missing.stdout)['error'] as Record<string, unknown>;
    assert.equal(error['code'], 'csv_missing_columns');
    assert.match(String(error['message']), /"when"/);

    const both = await runCli([
      'eval',
      'next-purchase',
      '--csv',
      csv,
      '--customer',
      'customer',
      '--time',
      'time',
      '--holdout-days',
      '30',
      '--calibration-end',
      '2023-10-01',
      '--json',
    ]);
    assert.equal(both.code, 1);
    assert.equal(
      (parseSingleJson(both.stdout)['error'] as Record<string, unknown>)['code'],
      'cli_invalid_option',
    );
  });
});
