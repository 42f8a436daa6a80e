import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeConfig } from '../../../core/config/describe-config.js';
import { loadConfig } from '../../../core/config/load-config.js';

describe('describeConfig', () => {
  it('masks tokens, client secrets and URL passwords, and keeps the rest', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://crm:s3cret@db:5432/crm?sslmode=require&password=p2',
        REDIS_URL: 'rediss://:r3dis@cache:6380/0',
        HUBSPOT_ACCESS_TOKEN: 'pat-na1-0123',
        HUBSPOT_CLIENT_ID: 'client-id',
        HUBSPOT_CLIENT_SECRET: 'client-secret',
        HUBSPOT_REFRESH_TOKEN: 'refresh-token',
      },
      { cwd: '/nonexistent' },
    );

    const described = describeConfig(config);

    assert.deepEqual(described.hubspot, {
      accessToken: '[redacted]',
      oauth: { clientId: 'client-id', clientSecret: '[redacted]', refreshToken: '[redacted]' },
    });
    assert.equal(
      described.databaseUrl,
      'postgres://crm:[redacted]@db:5432/crm?sslmode=require&password=[redacted]',
    );
    assert.equal(described.redisUrl, 'rediss://:[redacted]@cache:6380/0');
    assert.equal(described.seed, 42);
    const text = JSON.stringify(described);
    for (const secret of [
      's3cret',
      'p2',
      'r3dis',
      'pat-na1-0123',
      'client-secret',
      'refresh-token',
    ]) {
      assert.ok(!text.includes(secret), secret);
    }
    assert.equal(config.hubspot.accessToken, 'pat-na1-0123');
  });

  it('leaves unset settings unset', () => {
    const described = describeConfig(loadConfig({}, { cwd: '/nonexistent' }));

    assert.deepEqual(described.hubspot, {});
    assert.equal('databaseUrl' in described, false);
  });
});
