import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { postgresUrlOrWarn } from '../../helpers/database-url.js';
import { parseSingleJson, runCli } from '../../helpers/run-cli.js';

// Nothing listens on port 1 or 5 of the loopback address.
const REDIS_URL = 'redis://127.0.0.1:1';
const DATABASE_URL = 'postgres://crm:s3cret-pw@127.0.0.1:5/test';
const realDatabaseUrl = postgresUrlOrWarn('a database missing on a running PostgreSQL');

function errorOf(stdout: string): { code: string; message: string } {
  return (parseSingleJson(stdout) as { error: { code: string; message: string } }).error;
}

describe('unreachable Redis and PostgreSQL', { concurrency: true }, () => {
  it('doctor names what failed, without ioredis stacks or the password', async () => {
    const result = await runCli(['doctor', '--json'], { REDIS_URL, DATABASE_URL, LOG_LEVEL: '' });
    const { checks } = parseSingleJson(result.stdout) as {
      checks: Array<{ name: string; level: string; message: string }>;
    };
    const byName = new Map(checks.map((check) => [check.name, check]));
    assert.equal(byName.get('redis')?.message, `Redis at ${REDIS_URL}: connection refused`);
    assert.match(byName.get('postgresql')?.message ?? '', /DATABASE_URL .*crm:\*\*\*@.*refused/);
    assert.doesNotMatch(result.stderr, /Unhandled error event|\n\s+at /);
    assert.doesNotMatch(result.stdout + result.stderr, /s3cret-pw/);
  });

  it('status on an unreachable PostgreSQL is store_unavailable naming DATABASE_URL', async () => {
    const result = await runCli(['status', '--json'], { DATABASE_URL, LOG_LEVEL: '' });
    assert.equal(result.code, 1);
    const { error } = parseSingleJson(result.stdout) as {
      error: { code: string; message: string };
    };
    assert.equal(error.code, 'store_unavailable');
    assert.match(error.message, /DATABASE_URL/);
    assert.doesNotMatch(result.stdout + result.stderr, /s3cret-pw|"level":/);
  });

  it('run on an unreachable PostgreSQL is store_unavailable, password masked', async () => {
    const result = await runCli(['run', '--json'], {
      DATABASE_URL,
      REDIS_URL: '',
      HUBSPOT_ACCESS_TOKEN: 'not-called',
      LOG_LEVEL: '',
    });
    assert.equal(result.code, 1);
    const { error } = parseSingleJson(result.stdout) as {
      error: { code: string; message: string };
    };
    assert.equal(error.code, 'store_unavailable');
    assert.match(error.message, /DATABASE_URL .*crm:\*\*\*@.*connection refused/);
    assert.doesNotMatch(result.stdout + result.stderr, /s3cret-pw/);
  });

  it('a worker without Redis fails at start with redis_unreachable, not a quiet retry loop', async () => {
    const result = await runCli(['worker', '--json'], { REDIS_URL, LOG_LEVEL: '' });
    assert.equal(result.code, 1);
    const error = errorOf(result.stdout);
    assert.equal(error.code, 'redis_unreachable');
    assert.match(error.message, /REDIS_URL redis:\/\/127\.0\.0\.1:1: connection refused/);
    assert.doesNotMatch(result.stdout, /worker_id/);
    assert.doesNotMatch(result.stderr, /Unhandled error event|\n\s+at /);
  });

  it(
    'a database missing on a running PostgreSQL is store_unavailable',
    { skip: !realDatabaseUrl },
    async () => {
      const missing = new URL(realDatabaseUrl ?? 'postgres://localhost/test');
      missing.pathname = '/crm_ml_no_such_database';
      const result = await runCli(['status', '--json'], {
        DATABASE_URL: missing.toString(),
        LOG_LEVEL: '',
      });
      assert.equal(result.code, 1);
      const error = errorOf(result.stdout);
      assert.equal(error.code, 'store_unavailable');
      assert.match(error.message, /crm_ml_no_such_database.*does not exist/);
    },
  );
});
