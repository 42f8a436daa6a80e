import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { openStore } from '../../../core/store/index.js';
import { parseSingleJson, runCli } from '../../helpers/run-cli.js';

interface DoctorCheck {
  name: string;
  level: string;
  message: string;
}

describe('doctor agrees with run and status', { concurrency: true }, () => {
  let home: string;

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'crm-ml-doctor-'));
  });

  after(async () => {
    await rm(home, { recursive: true, force: true });
  });

  for (const [key, code] of [
    ['', 'encryption_key_missing'],
    ['short', 'encryption_key_invalid'],
  ] as const) {
    it(`with REDIS_URL, doctor fails on CRM_ML_ENCRYPTION_KEY '${key}' as run does (${code})`, async () => {
      const env = {
        CRM_ML_HOME: join(home, `key-${code}`),
        DATABASE_URL: '',
        // Nothing listens there; the key is checked before Redis is asked.
        REDIS_URL: 'redis://127.0.0.1:1',
        HUBSPOT_ACCESS_TOKEN: 'not-called',
        CRM_ML_ENCRYPTION_KEY: key,
      };
      const [doctor, run] = await Promise.all([
        runCli(['doctor', '--json'], env),
        runCli(['run', '--json'], env),
      ]);
      assert.equal(run.code, 1);
      const { error } = parseSingleJson(run.stdout) as { error: { code: string; message: string } };
      assert.equal(error.code, code);
      assert.equal(doctor.code, 1);
      const { checks } = parseSingleJson(doctor.stdout) as { checks: DoctorCheck[] };
      assert.deepEqual(checks[0], {
        name: 'run configuration (hubspot)',
        level: 'error',
        message: `[${error.code}] ${error.message}`,
      });
    });
  }

  it('doctor counts the connection an env-configured run recorded, as status lists it', async () => {
    const storeHome = join(home, 'env-run');
    const store = await openStore({ sqlitePath: join(storeHome, 'crm-ml.sqlite') });
    await store.runs.start({
      connectionId: 'hubspot-4242',
      kind: 'pipeline',
      startedAt: '2026-12-01T10:00:00.000Z',
    });
    await store.close();
    const env = { CRM_ML_HOME: storeHome, DATABASE_URL: '', REDIS_URL: '' };

    const [doctor, status] = await Promise.all([
      runCli(['doctor', '--json'], env),
      runCli(['status', '--json'], env),
    ]);
    const { connections } = parseSingleJson(status.stdout) as { connections: { id: string }[] };
    assert.deepEqual(
      connections.map((connection) => connection.id),
      ['hubspot-4242'],
    );
    const { checks } = parseSingleJson(doctor.stdout) as { checks: DoctorCheck[] };
    const sqlite = checks.find((check) => check.name === 'sqlite');
    assert.equal(sqlite?.message, 'reachable, 1 connection (hubspot-4242)');
  });

  it('doctor reports the level commands log at: silent one-shot, LOG_LEVEL when set', async () => {
    const env = { CRM_ML_HOME: join(home, 'log-level'), DATABASE_URL: '', REDIS_URL: '' };
    const [quiet, verbose, chosen] = await Promise.all([
      runCli(['doctor', '--json'], { ...env, LOG_LEVEL: '' }),
      runCli(['--verbose', 'doctor', '--json'], { ...env, LOG_LEVEL: '' }),
      runCli(['doctor', '--json'], { ...env, LOG_LEVEL: 'debug' }),
    ]);
    const levelOf = (stdout: string): unknown =>
      (parseSingleJson(stdout) as { config: { logLevel: string } }).config.logLevel;
    assert.equal(levelOf(quiet.stdout), 'silent');
    assert.equal(levelOf(verbose.stdout), 'info');
    assert.equal(levelOf(chosen.stdout), 'debug');
  });
});
