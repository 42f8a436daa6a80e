import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../core/config/load-config.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';

function invalid(run: () => unknown): CrmMlError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CrmMlError);
    assert.equal(error.code, 'config_invalid');
    return error;
  }
  assert.fail('expected config_invalid');
}

describe('loadConfig', () => {
  let directory = '';
  let empty = '';

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crm-ml-config-'));
    empty = join(directory, 'empty');
    await import('node:fs/promises').then(({ mkdir }) => mkdir(empty));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('fills the defaults when nothing is set', () => {
    const config = loadConfig({}, { cwd: empty });

    assert.deepEqual(config, {
      home: resolve(empty, '.crm-ml'),
      queuePrefix: 'crm-ml',
      logLevel: 'info',
      hubspot: {},
      churn: { target: 'churn' },
      seed: 42,
      driftPsi: 0.25,
      pluginPackages: [],
    });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.churn));
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        CRM_ML_HOME: '/var/lib/crm-ml',
        DATABASE_URL: 'postgres://crm:pw@db:5432/crm',
        REDIS_URL: 'redis://cache:6379',
        CRM_ML_QUEUE_PREFIX: '{crm-ml-staging}',
        LOG_LEVEL: 'debug',
        HUBSPOT_ACCESS_TOKEN: 'pat-na1-abc',
        HUBSPOT_BASE_URL: 'http://localhost:4010',
        HUBSPOT_CLIENT_ID: 'id',
        HUBSPOT_CLIENT_SECRET: 'secret',
        HUBSPOT_REFRESH_TOKEN: 'refresh',
        CRM_ML_CHURN_TARGET: 'Churn',
        CRM_ML_CHURN_POSITIVE: 'Yes',
        CRM_ML_SEED: '7',
        CRM_ML_DRIFT_PSI: '0.2',
        CRM_ML_SCORE_THREADS: '2',
        CRM_ML_PLUGINS: 'crm-ml-plugin-a, @acme/crm-ml-plugin-b',
      },
      { cwd: empty },
    );

    assert.deepEqual(config, {
      home: '/var/lib/crm-ml',
      databaseUrl: 'postgres://crm:pw@db:5432/crm',
      redisUrl: 'redis://cache:6379',
      queuePrefix: '{crm-ml-staging}',
      logLevel: 'debug',
      hubspot: {
        accessToken: 'pat-na1-abc',
        baseUrl: 'http://localhost:4010',
        oauth: { clientId: 'id', clientSecret: 'secret', refreshToken: 'refresh' },
      },
      churn: { target: 'Churn', positive: 'Yes' },
      seed: 7,
      driftPsi: 0.2,
      scoreThreads: 2,
      pluginPackages: ['crm-ml-plugin-a', '@acme/crm-ml-plugin-b'],
    });
  });

  it('refuses a queue prefix BullMQ would split, naming the variable', () => {
    assert.throws(() => loadConfig({ CRM_ML_QUEUE_PREFIX: 'crm-ml:staging' }, { cwd: empty }), {
      code: 'config_invalid',
      message: /CRM_ML_QUEUE_PREFIX/,
    });
  });

  it('reads crm-ml.config.json from the working directory, and the environment wins', async () => {
    const withFile = join(directory, 'with-file');
    await import('node:fs/promises').then(({ mkdir }) => mkdir(withFile));
    await writeFile(
      join(withFile, 'crm-ml.config.json'),
      JSON.stringify({
        hubspot: { accessToken: 'from-file', baseUrl: 'https://api.example.com' },
        churn: { target: 'Churn', positive: 'Yes' },
        seed: 9,
      }),
    );

    const config = loadConfig(
      { HUBSPOT_ACCESS_TOKEN: 'from-env', CRM_ML_SEED: '' },
      { cwd: withFile },
    );

    assert.equal(config.hubspot.accessToken, 'from-env');
    assert.equal(config.hubspot.baseUrl, 'https://api.example.com');
    assert.deepEqual(config.churn, { target: 'Churn', positive: 'Yes' });
    assert.equal(config.seed, 9);
  });

  it('reads the enabled plugins and their options from the environment or the file', async () => {
    const fromEnv = loadConfig(
      {
        CRM_ML_ENABLED_PLUGINS: 'churn, segments',
        CRM_ML_PLUGIN_OPTIONS: '{"segments":{"k":4}}',
      },
      { cwd: empty },
    );
    assert.deepEqual(fromEnv.enabledPlugins, ['churn', 'segments']);
    assert.deepEqual(fromEnv.pluginOptions, { segments: { k: 4 } });
    assert.ok(Object.isFrozen(fromEnv.pluginOptions?.['segments']));

    const withFile = join(directory, 'with-plugins');
    await import('node:fs/promises').then(({ mkdir }) => mkdir(withFile));
    await writeFile(
      join(withFile, 'crm-ml.config.json'),
      JSON.stringify({
        enabledPlugins: ['sentiment', 'recommendations'],
        pluginOptions: { recommendations: { topN: 3, models: ['popularity'] } },
      }),
    );
    const fromFile = loadConfig({}, { cwd: withFile });
    assert.deepEqual(fromFile.enabledPlugins, ['sentiment', 'recommendations']);
    assert.deepEqual(fromFile.pluginOptions, {
      recommendations: { topN: 3, models: ['popularity'] },
    });
    const envWins = loadConfig({ CRM_ML_ENABLED_PLUGINS: 'churn' }, { cwd: withFile });
    assert.deepEqual(envWins.enabledPlugins, ['churn']);
  });

  it('names malformed plugin lists and options by their variable', () => {
    const error = invalid(() =>
      loadConfig(
        { CRM_ML_ENABLED_PLUGINS: 'churn;segments', CRM_ML_PLUGIN_OPTIONS: '{"segments": 4}' },
        { cwd: empty },
      ),
    );
    assert.deepEqual(
      error.details.map((detail) => detail.path),
      ['CRM_ML_ENABLED_PLUGINS', 'CRM_ML_PLUGIN_OPTIONS'],
    );
    assert.match(error.message, /CRM_ML_ENABLED_PLUGINS: must be plugin ids separated by commas/);
  });

  it('names each bad variable and what is wrong, without echoing secrets', () => {
    const error = invalid(() =>
      loadConfig(
        {
          DATABASE_URL: 'mysql://root:hunter2@db/crm',
          HUBSPOT_BASE_URL: 'not a url',
          HUBSPOT_ACCESS_TOKEN: 'pat na1',
          LOG_LEVEL: 'loud',
          CRM_ML_SEED: '4.5',
          CRM_ML_SCORE_THREADS: '-1',
        },
        { cwd: empty },
      ),
    );

    assert.deepEqual(
      error.details.map((detail) => detail.path),
      [
        'DATABASE_URL',
        'LOG_LEVEL',
        'HUBSPOT_ACCESS_TOKEN',
        'HUBSPOT_BASE_URL',
        'CRM_ML_SEED',
        'CRM_ML_SCORE_THREADS',
      ],
    );
    assert.match(error.message, /CRM_ML_SCORE_THREADS: must be a whole number from 0 to 16/);
    assert.match(error.message, /DATABASE_URL: must be a postgres:\/\/ URL/);
    assert.match(error.message, /LOG_LEVEL: must be one of fatal, error, .* \(got "loud"\)/);
    assert.match(
      error.message,
      /CRM_ML_SEED: must be a whole number from 0 to 4294967295 \(got "4\.5"\)/,
    );
    assert.doesNotMatch(error.message, /hunter2|pat na1/);
  });

  it('wants all three OAuth settings or none', () => {
    const error = invalid(() =>
      loadConfig({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's' }, { cwd: empty }),
    );

    assert.deepEqual(error.details, [
      {
        path: 'HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_REFRESH_TOKEN',
        message: 'set all three or none; missing HUBSPOT_REFRESH_TOKEN',
      },
    ]);
  });

  it('takes HUBSPOT_CLIENT_SECRET alone, for webhook signatures, without the refresh trio', () => {
    const env = { HUBSPOT_CLIENT_SECRET: 's3cret', CRM_ML_PUBLIC_URL: 'https://crm-ml.example' };
    const config = loadConfig(env, { cwd: empty });
    assert.equal(config.hubspot.oauth, undefined);
  });

  it('names the file and key of bad file values, unknown keys, bad or missing files', async () => {
    const path = join(directory, 'bad.json');
    await writeFile(path, JSON.stringify({ seed: -1, hubspot: { acessToken: 'x' } }));
    const unknown = invalid(() => loadConfig({}, { configPath: path }));
    assert.match(unknown.message, /bad\.json: hubspot: Unrecognized key: "acessToken"/);

    await writeFile(path, JSON.stringify({ seed: -1 }));
    const bad = invalid(() => loadConfig({}, { configPath: path }));
    assert.match(
      bad.message,
      /bad\.json: seed: must be a whole number from 0 to 4294967295 \(got -1\)/,
    );

    await writeFile(path, '{ nope');
    assert.match(
      invalid(() => loadConfig({}, { configPath: path })).message,
      /bad\.json: cannot be read as JSON/,
    );

    const missing = join(directory, 'missing.json');
    assert.match(
      invalid(() => loadConfig({}, { configPath: missing })).message,
      /missing\.json: file not found/,
    );
  });
});
