import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startHubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { clientFor, failureOf } from './sandbox-client.js';

describe('hubspot sandbox: rate limits and faults', () => {
  it('reports the X-HubSpot-RateLimit headers on CRM calls', async () => {
    const sandbox = await startHubSpotSandbox({ dailyLimit: 500 });
    try {
      const response = await clientFor(sandbox).crm.contacts.basicApi.getPageWithHttpInfo(1);
      assert.equal(response.headers['x-hubspot-ratelimit-max'], '190');
      assert.equal(response.headers['x-hubspot-ratelimit-remaining'], '189');
      assert.equal(response.headers['x-hubspot-ratelimit-interval-milliseconds'], '10000');
      assert.equal(response.headers['x-hubspot-ratelimit-daily'], '500');
      assert.equal(response.headers['x-hubspot-ratelimit-daily-remaining'], '499');

      const search = await clientFor(sandbox).crm.contacts.searchApi.doSearchWithHttpInfo({});
      assert.equal(search.headers['x-hubspot-ratelimit-max'], undefined);
    } finally {
      await sandbox.close();
    }
  });

  it('answers 429 TEN_SECONDLY_ROLLING with Retry-After once the window is full', async () => {
    const sandbox = await startHubSpotSandbox({ rateLimit: { max: 2, intervalMs: 60_000 } });
    try {
      const client = clientFor(sandbox);
      await client.crm.contacts.basicApi.getPage();
      await client.crm.contacts.basicApi.getPage();
      const failure = await failureOf(client.crm.contacts.basicApi.getPage());
      assert.equal(failure.code, 429);
      assert.equal(failure.body['policyName'], 'TEN_SECONDLY_ROLLING');
      assert.equal(failure.body['errorType'], 'RATE_LIMIT');
      assert.equal(failure.body['message'], 'You have reached your ten_secondly_rolling limit.');
      const retryAfter = Number(failure.headers['retry-after']);
      assert.ok(retryAfter >= 59 && retryAfter <= 60, String(retryAfter));
      assert.equal(sandbox.stats.rateLimited, 1);
    } finally {
      await sandbox.close();
    }
  });

  it('answers 429 DAILY when the daily budget is spent', async () => {
    const sandbox = await startHubSpotSandbox({ dailyLimit: 1 });
    try {
      const client = clientFor(sandbox);
      await client.crm.contacts.basicApi.getPage();
      const failure = await failureOf(client.crm.contacts.basicApi.getPage());
      assert.equal(failure.code, 429);
      assert.equal(failure.body['policyName'], 'DAILY');
    } finally {
      await sandbox.close();
    }
  });

  it('limits search per second with the secondly body', async () => {
    const sandbox = await startHubSpotSandbox({ searchPerSecond: 2 });
    try {
      const client = clientFor(sandbox);
      await client.crm.contacts.searchApi.doSearch({});
      await client.crm.contacts.searchApi.doSearch({});
      const failure = await failureOf(client.crm.contacts.searchApi.doSearch({}));
      assert.equal(failure.code, 429);
      assert.equal(failure.body['message'], 'You have reached your secondly limit.');
    } finally {
      await sandbox.close();
    }
  });

  it('injects roughly the asked share of faults, repeatably, and never half-writes', async () => {
    const outcomes: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const sandbox = await startHubSpotSandbox({
        faults: 0.3,
        faultSeed: 7,
        hangMs: 20,
        rateLimit: { max: 10_000, intervalMs: 1000 },
      });
      try {
        const id = sandbox.data.create('contacts', {});
        const client = clientFor(sandbox);
        const codes: string[] = [];
        for (let i = 0; i < 200; i++) {
          try {
            await client.crm.contacts.basicApi.update(id, { properties: { firstname: `n${i}` } });
            codes.push('200');
          } catch (error) {
            // Timeouts surface as a network error (socket reset), not as an ApiException.
            const code = (error as { code?: unknown }).code;
            codes.push(typeof code === 'number' ? String(code) : 'network');
          }
        }
        const okWrites = codes.filter((code) => code === '200').length;
        assert.equal(sandbox.stats.writes, okWrites);
        assert.equal(sandbox.stats.faultsInjected, 200 - okWrites);
        assert.ok(okWrites > 110 && okWrites < 170, `ok writes: ${okWrites}`);
        assert.ok(codes.some((code) => ['429', '500', '502', '503'].includes(code)));
        assert.ok(codes.includes('network'));
        outcomes.push(codes);
      } finally {
        await sandbox.close();
      }
    }
    assert.deepEqual(outcomes[0], outcomes[1]);
  });
});
