import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { defaultPlugins } from '../../../core/runtime/default-registries.js';
import { startContactsOnlySandbox } from '../../helpers/hubspot-contacts-sandbox.js';
import { parseSingleJson, runCli } from '../../helpers/run-cli.js';

const TOKEN = 'run-command-token';

describe('crm-ml run: the configured plugins against one portal', () => {
  let sandbox: HubSpotSandbox;
  let home = '';
  const env = (extra: Record<string, string>) => ({
    HUBSPOT_ACCESS_TOKEN: TOKEN,
    HUBSPOT_BASE_URL: sandbox.url,
    CRM_ML_HOME: home,
    CRM_ML_CHURN_POSITIVE: 'Yes',
    CRM_ML_PLUGIN_OPTIONS: '{"churn":{"families":["logistic"]}}',
    REDIS_URL: '',
    DATABASE_URL: '',
    ...extra,
  });

  before(async () => {
    sandbox = await startContactsOnlySandbox(TOKEN);
    home = await mkdtemp(join(tmpdir(), 'crm-ml-run-'));
  });
  after(async () => {
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  });

  it('runs every shipped plugin, skipping those without data with a reason in the summary and the log', async () => {
    // One-shot commands log nothing by default; the operator's log level shows the skips.
    const result = await runCli(['run', '--json'], env({ LOG_LEVEL: 'warn' }));
    assert.equal(result.code, 0, result.stderr);

    const headline = parseSingleJson(result.stdout) as {
      scored_by_plugin: Record<string, number>;
      skipped: Record<string, string>;
      written: number;
    };
    const registered = defaultPlugins()
      .list()
      .map((plugin) => plugin.id);
    assert.deepEqual(Object.keys(headline.scored_by_plugin).sort(), [...registered].sort());
    for (const id of ['churn', 'recommendations', 'segments', 'sentiment']) {
      assert.ok(registered.includes(id), `${id} is shipped`);
    }
    assert.equal(headline.scored_by_plugin['churn'], 60);
    assert.equal(headline.written, 60);
    assert.match(headline.skipped['segments'] ?? '', /0 contacts have purchases/);
    assert.match(headline.skipped['sentiment'] ?? '', /No texts linked to contacts/);

    const skipLogs = result.stderr
      .split('\n')
      .filter((line) => line.includes('plugin skipped'))
      .map((line) => JSON.parse(line) as { plugin: string; reason: string });
    const loggedSkips = skipLogs.map((log) => log.plugin);
    assert.deepEqual([...loggedSkips].sort(), Object.keys(headline.skipped).sort());
    for (const id of ['recommendations', 'segments', 'sentiment']) {
      assert.ok(loggedSkips.includes(id), `${id}'s skip is logged`);
    }
    assert.ok(skipLogs.every((log) => log.reason.length > 0));
  });

  it('runs only CRM_ML_ENABLED_PLUGINS', async () => {
    const result = await runCli(['run', '--json'], env({ CRM_ML_ENABLED_PLUGINS: 'churn' }));
    assert.equal(result.code, 0, result.stderr);
    const headline = parseSingleJson(result.stdout) as {
      scored_by_plugin: Record<string, number>;
      skipped: Record<string, string>;
    };
    assert.deepEqual(Object.keys(headline.scored_by_plugin), ['churn']);
    assert.deepEqual(headline.skipped, {});
  });

  it('stops before any work on an unknown plugin id, naming it and the variable', async () => {
    const result = await runCli(
      ['run', '--json'],
      env({ CRM_ML_ENABLED_PLUGINS: 'churn,segmnts' }),
    );
    assert.equal(result.code, 1);
    const { error } = parseSingleJson(result.stdout) as {
      error: { code: string; message: string };
    };
    assert.equal(error.code, 'config_invalid');
    assert.match(error.message, /CRM_ML_ENABLED_PLUGINS: no plugin 'segmnts'/);
  });
});
