import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import {
  seedFromCsv,
  startHubSpotSandbox,
  TELCO_SEED_PATH,
} from '../../../connectors/hubspot/sandbox/index.js';
import { NO_LIMITS, readAll, sandboxConnector } from './hubspot-test-kit.js';

const OAUTH = { clientId: 'app', clientSecret: 'secret', refreshToken: 'refresh-1' };

function realSleep(waits: number[]): (ms: number) => Promise<void> {
  return (ms) => {
    waits.push(ms);
    return new Promise((resolve) => setTimeout(resolve, ms));
  };
}

describe('HubSpot connector: retries, pacing and auth', () => {
  it('completes a full sync with every record through 10% injected 429/5xx/timeouts', async () => {
    const sandbox = await startHubSpotSandbox({
      port: 0,
      accessToken: 't',
      faults: 0.1,
      faultSeed: 1,
      hangMs: 300,
      ...NO_LIMITS,
    });
    const seeded = await seedFromCsv(sandbox, 'contacts', TELCO_SEED_PATH);
    const { connector, waits } = sandboxConnector(sandbox, { requestTimeoutMs: 150 });

    try {
      const { ids } = await readAll(connector, 'contacts', null);
      assert.equal(new Set(ids).size, seeded.length);
      assert.ok(sandbox.stats.faultsInjected >= 3, `faults: ${sandbox.stats.faultsInjected}`);
      assert.ok(waits.length >= sandbox.stats.faultsInjected, 'every fault was retried');
    } finally {
      await connector.close?.();
      await sandbox.close();
    }
  });

  it('honours Retry-After on a 429 and then succeeds', async () => {
    const sandbox = await startHubSpotSandbox({
      port: 0,
      accessToken: 't',
      rateLimit: { max: 2, intervalMs: 1500 },
    });
    const id = sandbox.data.create('contacts', { email: 'a@example.com' });
    const first = sandboxConnector(sandbox).connector;
    const waits: number[] = [];
    const second = sandboxConnector(sandbox, { sleep: realSleep(waits) }).connector;

    try {
      // Another worker on the same portal spends the window; this one learns of it by a 429.
      await first.fetch('contacts', [id], ['email']);
      await first.fetch('contacts', [id], ['email']);
      const records = await second.fetch('contacts', [id], ['email']);

      assert.equal(records[0]?.properties['email'], 'a@example.com');
      assert.equal(sandbox.stats.rateLimited, 1);
      assert.ok(waits.length >= 1);
      assert.ok([1000, 2000].includes(waits[0] ?? 0), `Retry-After in seconds: ${waits.join()}`);
    } finally {
      await first.close?.();
      await second.close?.();
      await sandbox.close();
    }
  });

  it('paces from the rate-limit headers instead of running into 429s', async () => {
    const sandbox = await startHubSpotSandbox({
      port: 0,
      accessToken: 't',
      rateLimit: { max: 4, intervalMs: 400 },
    });
    const id = sandbox.data.create('contacts', { email: 'a@example.com' });
    const waits: number[] = [];
    const { connector } = sandboxConnector(sandbox, { sleep: realSleep(waits) });

    try {
      for (let call = 0; call < 9; call += 1) await connector.fetch('contacts', [id], ['email']);
      assert.equal(sandbox.stats.rateLimited, 0);
      assert.ok(waits.length >= 2, `paced waits: ${waits.join()}`);
    } finally {
      await connector.close?.();
      await sandbox.close();
    }
  });

  it('stops with hubspot_daily_limit, not retryable, when the daily budget is spent', async () => {
    const sandbox = await startHubSpotSandbox({ port: 0, accessToken: 't', dailyLimit: 1 });
    const id = sandbox.data.create('contacts', { email: 'a@example.com' });
    const { connector, waits } = sandboxConnector(sandbox);

    try {
      await connector.fetch('contacts', [id], ['email']);
      await assert.rejects(connector.fetch('contacts', [id], ['email']), (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'hubspot_daily_limit');
        assert.equal(error.retryable, false);
        return true;
      });
      assert.equal(waits.length, 0);
    } finally {
      await connector.close?.();
      await sandbox.close();
    }
  });

  it('refreshes an expired token with OAuth and carries on', async () => {
    const sandbox = await startHubSpotSandbox({ port: 0, accessToken: 't', oauth: OAUTH });
    const id = sandbox.data.create('contacts', { email: 'a@example.com' });
    const { connector } = sandboxConnector(sandbox, { oauth: { ...OAUTH } });

    try {
      await connector.fetch('contacts', [id], ['email']);
      sandbox.expireToken();
      const records = await connector.fetch('contacts', [id], ['email']);
      assert.equal(records.length, 1);
      assert.equal(sandbox.stats.byRoute['POST /oauth/v1/token'], 1);

      sandbox.expireToken();
      assert.equal(await connector.count('contacts'), 1);
      assert.equal(sandbox.stats.byRoute['POST /oauth/v1/token'], 2);
    } finally {
      await connector.close?.();
      await sandbox.close();
    }
  });

  it('fails clearly on an expired token without OAuth', async () => {
    const sandbox = await startHubSpotSandbox({ port: 0, accessToken: 't' });
    sandbox.data.create('contacts', { email: 'a@example.com' });
    const { connector } = sandboxConnector(sandbox);

    try {
      sandbox.expireToken();
      await assert.rejects(connector.count('contacts'), (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'hubspot_auth_failed');
        assert.equal(error.retryable, false);
        assert.match(error.message, /HUBSPOT_ACCESS_TOKEN/);
        return true;
      });
    } finally {
      await connector.close?.();
      await sandbox.close();
    }
  });

  it('fails clearly when the OAuth refresh itself is refused', async () => {
    const sandbox = await startHubSpotSandbox({ port: 0, accessToken: 't', oauth: OAUTH });
    const { connector } = sandboxConnector(sandbox, {
      oauth: { ...OAUTH, refreshToken: 'revoked' },
    });

    try {
      sandbox.expireToken();
      await assert.rejects(connector.count('contacts'), (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'hubspot_auth_failed');
        assert.match(error.message, /refresh token/);
        return true;
      });
    } finally {
      await connector.close?.();
      await sandbox.close();
    }
  });
});
