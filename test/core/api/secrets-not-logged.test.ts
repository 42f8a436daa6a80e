import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';

import { redisUrlOrWarn } from '../../helpers/database-url.js';

const SERVER = fileURLToPath(new URL('./fixtures/log-capture-server.ts', import.meta.url));
const WORKER = fileURLToPath(new URL('./fixtures/log-capture-worker.ts', import.meta.url));
const CRM_TOKEN = 'pat-na1-0f3c9e7a-secret-crm-token';

test('a full request cycle at trace level logs neither API keys nor CRM tokens', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...process.env, NODE_TEST_CONTEXT: '', LOG_LEVEL: 'trace' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [first] = (await once(child.stdout, 'data')) as [Buffer];
  const { url, keys } = JSON.parse(first.toString()) as {
    url: string;
    keys: { write: string; admin: string };
  };

  const call = (path: string, key: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
  const created = await call('/v1/connections', keys.write, {
    method: 'POST',
    body: JSON.stringify({
      crm: 'fake',
      label: 'logged?',
      credentials: { accessToken: CRM_TOKEN, fail: true },
      plugins: { churn: { target: 'churn' } },
    }),
  });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  await call(`/v1/connections/${id}`, keys.admin);
  await call(`/v1/connections/${id}/test`, keys.write, { method: 'POST' });
  await call(`/v1/connections/${id}/runs`, keys.write, { method: 'POST', body: '{"kind":"sync"}' });
  await call('/v1/connections', `${keys.admin}tampered`);
  await call('/v1/connections', keys.write, { method: 'POST', body: `{"token":"${CRM_TOKEN}"` });

  child.stdin.end();
  await once(child, 'close');

  assert.match(stderr, /"component":"api"/, 'the server logged nothing: the test proves nothing');
  // The secret part alone too: `crmml_<16 hex>_` precedes it, and base64url may hold '_'.
  const secretPart = keys.write.slice('crmml_'.length + 17);
  assert.ok(secretPart.length >= 40, 'the key has the documented shape');
  for (const secret of [CRM_TOKEN, keys.write, keys.admin, secretPart]) {
    assert.ok(!stderr.includes(secret), `a secret reached the log: ${secret.slice(0, 12)}…`);
  }
});

const redisUrl = redisUrlOrWarn('secrets in worker logs');

test(
  'a queued worker run with an OAuth refresh logs no token or secret',
  { skip: !redisUrl },
  async () => {
    const secrets = {
      HUBSPOT_ACCESS_TOKEN: 'pat-na1-5e1f-worker-access-token',
      HUBSPOT_CLIENT_ID: 'crm-ml-app',
      HUBSPOT_CLIENT_SECRET: 'client-secret-9d2b7c',
      HUBSPOT_REFRESH_TOKEN: 'refresh-token-4a8e61',
      CRM_ML_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: {
        ...process.env,
        NODE_TEST_CONTEXT: '',
        LOG_LEVEL: 'trace',
        REDIS_URL: redisUrl,
        ...secrets,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number];
    assert.equal(code, 0, stderr.slice(-2_000));

    const result = JSON.parse(stdout) as {
      written: number;
      refreshes: number;
      sealed: boolean;
      storedSettings: string;
    };
    assert.ok(result.written > 0, 'the run wrote scores back');
    assert.ok(result.refreshes >= 1, 'the connector refreshed the expired token');
    assert.ok(result.sealed, 'the queued run stored the credentials encrypted');
    assert.match(stderr, /"component":"queue.worker"/, 'the worker logged nothing');
    assert.match(stderr, /"component":"connector.hubspot"/, 'the connector logged nothing');

    // Tokens the sandbox issues on refresh look like `sandbox-<24 hex>`.
    assert.doesNotMatch(stderr, /sandbox-[0-9a-f]{24}/, 'a refreshed access token was logged');
    const { HUBSPOT_CLIENT_ID: _public, ...hidden } = secrets;
    for (const secret of Object.values(hidden)) {
      assert.ok(!stderr.includes(secret), `a secret reached the log: ${secret.slice(0, 12)}…`);
      assert.ok(
        !result.storedSettings.includes(secret),
        `stored in plaintext: ${secret.slice(0, 12)}…`,
      );
    }
  },
);
