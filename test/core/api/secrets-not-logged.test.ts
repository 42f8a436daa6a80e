import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const SERVER = fileURLToPath(new URL('./fixtures/log-capture-server.ts', import.meta.url));
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
      plugins: { churn: {} },
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
