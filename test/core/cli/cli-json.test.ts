import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TELCO_SEED_PATH } from '../../../connectors/hubspot/sandbox/index.js';
import { parseSingleJson, runCli } from '../../helpers/run-cli.js';

/** What every demo run must show, whichever CRM it ran against. */
function assertDemoFigures(summary: Record<string, unknown>): void {
  assert.equal(summary['scored'], 7043);
  assert.equal(summary['written'], 7043);
  assert.equal(summary['verified'], '20/20');
  assert.ok(Number(summary['roc_auc']) > 0.8, `roc_auc ${summary['roc_auc']}`);

  const segments = summary['segments'] as { k: number; names: Record<string, number> };
  const sizes = Object.values(segments.names).reduce((sum, size) => sum + size, 0);
  assert.equal(sizes, 7043, 'every contact is in a segment or has no purchases yet');
  assert.equal(Object.keys(segments.names).length, segments.k + 1);
  const recommendations = summary['recommendations'] as Record<string, unknown>;
  assert.ok(['popularity', 'item_cf', 'ease'].includes(String(recommendations['model'])));
  assert.ok(Number(recommendations['ndcg_at_10']) > 0, 'held-out NDCG@10 is reported');
  const sentiment = summary['sentiment'] as Record<string, number>;
  assert.ok(Number(sentiment['customers_scored']) > 500, 'notes of the last 90 days count');
  assert.ok(Math.abs(Number(sentiment['mean_score'])) <= 100);
  const next = summary['next_purchase'] as Record<string, number>;
  assert.equal(next['customers'], 1355, 'every contact with a purchase is modelled');
  assert.ok(Number(next['holdout_rmse']) > 0, 'held-out purchase errors are reported');
}

/**
 * The figures two demos on the same data and seed must share, whatever the CRM: floats
 * rounded to 9 digits, since summing in another order may move the last bits.
 */
function comparable(summary: Record<string, unknown>): unknown {
  const picked = ['roc_auc', 'pr_auc', 'brier', 'baseline_roc_auc', 'scored_by_plugin'];
  picked.push('written', 'queued', 'segments', 'recommendations', 'sentiment', 'next_purchase');
  return JSON.parse(
    JSON.stringify(Object.fromEntries(picked.map((key) => [key, summary[key]]))),
    (_key, value: unknown) => (typeof value === 'number' ? Number(value.toFixed(9)) : value),
  );
}

describe('crm-ml command line, --json', () => {
  let dir: string;
  // Each demo's summary, so the Salesforce demo can be held to the HubSpot demo's figures.
  const demos = new Map<string, Record<string, unknown>>();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crm-ml-cli-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('demo runs the whole loop and prints one summary object', async () => {
    const result = await runCli(['demo', '--json']);
    assert.equal(result.code, 0, result.stderr);

    const summary = parseSingleJson(result.stdout);
    assert.deepEqual(summary['synced_by_type'], {
      contacts: 7043,
      orders: 29838,
      notes: 2000,
      emails: 0,
      calls: 0,
      tickets: 0,
    });
    assertDemoFigures(summary);
    demos.set('hubspot', summary);
  });

  it('demo --crm salesforce gives the figures of the HubSpot demo', async () => {
    const result = await runCli(['demo', '--crm', 'salesforce', '--json']);
    assert.equal(result.code, 0, result.stderr);

    const summary = parseSingleJson(result.stdout);
    assert.deepEqual(summary['synced_by_type'], {
      contacts: 7043,
      orders: 29838,
      notes: 2000,
      tickets: 0,
    });
    assertDemoFigures(summary);
    const hubspot = demos.get('hubspot');
    if (hubspot !== undefined) assert.deepEqual(comparable(summary), comparable(hubspot));
  });

  it('demo names an unknown --crm as a JSON error and fails', async () => {
    const result = await runCli(['demo', '--crm', 'pipedrive', '--json']);
    assert.equal(result.code, 1);
    const { error } = parseSingleJson(result.stdout) as { error: Record<string, unknown> };
    assert.equal(error['code'], 'cli_invalid_option');
    assert.match(String(error['message']), /hubspot or salesforce/);
  });

  it('eval churn prints held-out metrics and draws the curves', async () => {
    const plot = join(dir, 'churn.svg');
    const args = ['eval', 'churn', '--csv', TELCO_SEED_PATH, '--target', 'Churn'];
    const result = await runCli([...args, '--id', 'customerID', '--plot', plot, '--json']);
    assert.equal(result.code, 0, result.stderr);

    const metrics = parseSingleJson(result.stdout);
    for (const key of ['roc_auc', 'pr_auc', 'brier', 'rows', 'train_rows', 'test_rows']) {
      assert.equal(typeof metrics[key], 'number', key);
    }
    assert.equal(metrics['rows'], 7043);
    assert.equal(metrics['test_rows'], 1409);
    assert.ok(Number(metrics['roc_auc']) >= 0.84);
    assert.match(await readFile(plot, 'utf8'), /^<svg[^>]*>[\s\S]*ROC[\s\S]*Calibration/);
  });

  it('eval churn names a missing target column as a JSON error and fails', async () => {
    const args = ['eval', 'churn', '--csv', TELCO_SEED_PATH, '--target', 'Cancelled', '--json'];
    const result = await runCli(args);
    assert.equal(result.code, 1);

    const { error } = parseSingleJson(result.stdout) as { error: Record<string, unknown> };
    assert.equal(error['code'], 'csv_missing_columns');
    assert.match(String(error['message']), /Cancelled/);
  });

  it('eval churn skips malformed rows, says which, and still evaluates the rest', async () => {
    const csv = join(dir, 'broken.csv');
    const good = (await readFile(TELCO_SEED_PATH, 'utf8')).split('\n').slice(0, 2001);
    good.splice(5, 0, 'only,three,fields');
    good.splice(9, 0, '"an unclosed quote,Male,0');
    await writeFile(csv, good.join('\n'));

    const args = ['eval', 'churn', '--csv', csv, '--target', 'Churn', '--json'];
    const result = await runCli(args);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /line 6/);

    const metrics = parseSingleJson(result.stdout);
    assert.equal(metrics['skipped_rows'], 2);
    assert.equal(metrics['rows'], 2000);
  });

  it('eval segments profiles an order file and draws the profiles', async () => {
    const plot = join(dir, 'segments.svg');
    const csv = fileURLToPath(new URL('../../fixtures/orders/retail-small.csv', import.meta.url));
    const args = ['eval', 'segments', '--csv', csv, '--customer', 'CustomerID'];
    const result = await runCli([...args, '--time', 'InvoiceDate', '--plot', plot, '--json']);
    assert.equal(result.code, 0, result.stderr);

    const segments = parseSingleJson(result.stdout) as {
      k: number;
      customers: number;
      profile: { segments: { name: string; size: number }[] };
    };
    assert.equal(segments.profile.segments.length, segments.k);
    const sizes = segments.profile.segments.reduce((sum, segment) => sum + segment.size, 0);
    assert.equal(sizes, segments.customers);
    assert.match(await readFile(plot, 'utf8'), /^<svg[\s\S]*Segment profiles/);
  });

  it('usage mistakes are one JSON error too, with --json', async () => {
    for (const args of [['eval', 'churn', '--target', 'Churn'], ['frobnicate']]) {
      const result = await runCli([...args, '--json']);
      assert.equal(result.code, 1);
      const { error } = parseSingleJson(result.stdout) as { error: Record<string, unknown> };
      assert.equal(error['code'], 'cli_usage');
    }
  });

  it('usage mistakes in text mode print the stable code as other errors do', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], "unknown command 'frobnicate'"],
      [['run', '--bogus'], "unknown option '--bogus'"],
      [['eval', 'churn', '--target', 'Churn'], "required option '--csv <file>' not specified"],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach((result, index) => {
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `error [cli_usage]: ${cases[index]?.[1]}\n`);
    });
    // A command that needs a subcommand still answers with its help.
    const help = await runCli(['eval']);
    assert.equal(help.code, 1);
    assert.match(help.stderr, /^Usage: crm-ml eval/);
  });

  it('bad option values are named before any work starts', async () => {
    const result = await runCli(['demo', '--port', 'abc', '--json']);
    assert.equal(result.code, 1);
    const { error } = parseSingleJson(result.stdout) as { error: Record<string, unknown> };
    assert.equal(error['code'], 'cli_invalid_option');
    assert.match(String(error['message']), /--port/);
  });

  it('doctor refuses what run refuses, with the same code and message', async () => {
    const env = {
      CRM_ML_HOME: join(dir, 'doctor-refuses'),
      DATABASE_URL: '',
      REDIS_URL: '',
      HUBSPOT_ACCESS_TOKEN: 'not-called',
      CRM_ML_PLUGIN_OPTIONS: '{"segments":{"k":"four"}}',
    };
    const [doctor, run] = await Promise.all([
      runCli(['doctor', '--json'], env),
      runCli(['run', '--json'], env),
    ]);
    assert.equal(doctor.code, 1, doctor.stderr);
    assert.equal(run.code, 1);
    const { error } = parseSingleJson(run.stdout) as { error: { code: string; message: string } };
    assert.equal(error.code, 'segments_options_invalid');
    const { checks } = parseSingleJson(doctor.stdout) as {
      checks: { name: string; level: string; message: string }[];
    };
    assert.deepEqual(checks[0], {
      name: 'run configuration (hubspot)',
      level: 'error',
      message: `[${error.code}] ${error.message}`,
    });
  });

  it('doctor shows the configuration summary in text mode too, secrets masked', async () => {
    const result = await runCli(['doctor'], {
      CRM_ML_HOME: join(dir, 'doctor-text'),
      DATABASE_URL: '',
      REDIS_URL: '',
      HUBSPOT_ACCESS_TOKEN: 'pat-na1-secret',
      CRM_ML_ENABLED_PLUGINS: 'churn',
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^configuration \(secrets masked\):$/m);
    assert.match(result.stdout, /^ {2}hubspot\.accessToken +\[redacted\]$/m);
    assert.match(result.stdout, /^ {2}enabledPlugins +churn$/m);
    assert.match(result.stdout, /^ok {4}run configuration \(hubspot\): accepted, plugins churn$/m);
    assert.doesNotMatch(result.stdout, /pat-na1-secret/);
  });

  it('worker checks every option and takes its metrics port before a worker starts', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    const taken = String((holder.address() as AddressInfo).port);
    // Workers that started would log their failed connections to this Redis on stderr.
    const env = { CRM_ML_HOME: join(dir, 'worker'), REDIS_URL: 'redis://127.0.0.1:1' };
    try {
      const [minutes, port] = await Promise.all(
        [
          ['--schedule-minutes', '-5'],
          ['--metrics-port', taken],
        ].map((flag) =>
          runCli(
            ['worker', ...flag, '--json'],
            { ...env, LOG_LEVEL: 'error' },
            { timeoutMs: 15_000 },
          ),
        ),
      );
      for (const [result, code] of [
        [minutes, 'cli_invalid_option'],
        [port, 'port_in_use'],
      ] as const) {
        assert.equal(result?.code, 1, result?.stderr);
        const { error } = parseSingleJson(result?.stdout ?? '') as { error: { code: string } };
        assert.equal(error.code, code);
        assert.equal(result?.stderr, '', 'no worker started');
      }
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('run without a HubSpot token says which variable to set', async () => {
    const result = await runCli(['run', '--json'], {
      HUBSPOT_ACCESS_TOKEN: '',
      CRM_ML_HOME: dir,
    });
    assert.equal(result.code, 1);
    const { error } = parseSingleJson(result.stdout) as { error: Record<string, unknown> };
    assert.equal(error['code'], 'config_missing');
    assert.match(String(error['message']), /HUBSPOT_ACCESS_TOKEN/);
  });
});
