import assert from 'node:assert/strict';
import { test } from 'node:test';

import { REDACTED, redactSecrets } from '../../../core/logging/redact-secrets.js';

test('secrets are redacted at every depth, in arrays and under any spelling', () => {
  const logged = {
    connection: {
      settings: {
        connector: {
          accessToken: 'pat-1',
          oauth: { clientId: 'app', clientSecret: 'cs-1', refresh_token: 'rt-1' },
          jwt: { privateKey: '-----BEGIN PRIVATE KEY-----' },
        },
      },
    },
    subscriptions: [{ id: 'sub_1', secret: 'whsec_1', previousSecret: 'whsec_0' }],
    request: { headers: { Authorization: 'Bearer crmml_x', 'Set-Cookie': 'sid=1' } },
    login: { username: 'ann', password: 'hunter2' },
    count: 3,
  };

  const redacted = JSON.stringify(redactSecrets(logged));
  for (const secret of [
    'pat-1',
    'cs-1',
    'rt-1',
    'PRIVATE KEY',
    'whsec_',
    'crmml_x',
    'sid=1',
    'hunter2',
  ]) {
    assert.ok(!redacted.includes(secret), `${secret} was logged`);
  }
  assert.ok(redacted.includes('"clientId":"app"'), 'what is no secret stays');
  assert.ok(redacted.includes('"username":"ann"'));
  assert.equal(JSON.parse(redacted).count, 3);
  assert.equal(logged.connection.settings.connector.accessToken, 'pat-1', 'the input is unchanged');
});

test('errors keep their message and stack but lose secrets in fields and causes', () => {
  const cause = Object.assign(new Error('refresh failed'), { body: { refreshToken: 'rt-2' } });
  const error = Object.assign(new Error('HTTP 401', { cause }), {
    config: { headers: { authorization: 'Bearer pat-2' } },
  });

  const out = redactSecrets({ err: error }) as { err: Record<string, unknown> };
  assert.equal(out.err['message'], 'HTTP 401');
  assert.match(String(out.err['stack']), /HTTP 401/);
  const text = JSON.stringify(out);
  assert.ok(!text.includes('pat-2') && !text.includes('rt-2'));
  assert.ok(text.includes('refresh failed'));
  assert.ok(text.includes(REDACTED));
});

test('cycles and shared objects do not break it', () => {
  const shared = { token: 't' };
  const cyclic: Record<string, unknown> = { a: shared, b: shared };
  cyclic['self'] = cyclic;
  const out = redactSecrets(cyclic) as Record<string, unknown>;
  assert.deepEqual(out['a'], { token: REDACTED });
  assert.deepEqual(out['b'], { token: REDACTED });
  assert.equal(out['self'], '[circular]');
});
