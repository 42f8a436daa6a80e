import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startHubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { NO_LIMITS, readAll, sandboxConnector } from './hubspot-test-kit.js';

/** Records each wait, then really waits (only for waits the test can afford). */
function timedSleep(waits: number[]): (ms: number) => Promise<void> {
  return (ms) => {
    waits.push(ms);
    return new Promise((resolve) => setTimeout(resolve, ms));
  };
}

function assertRetryableError(error: unknown, code: string): true {
  assert.ok(error instanceof CrmMlError, String(error));
  assert.equal(error.code, code);
  assert.equal(error.retryable, true);
  return true;
}

describe('HubSpot connector: 429 without Retry-After, 5xx backoff', () => {
  it('waits out the ten-secondly window when a TEN_SECONDLY_ROLLING 429 has no Retry-After', async () => {
    // Every call is a 429 with HubSpot's documented body and no headers at all.
    const sandbox = await startHubSpotSandbox({
      accessToken: 't',
      faults: 1,
      faultKinds: ['rate_limit'],
      retryAfter: false,
      ...NO_LIMITS,
    });
    const id = sandbox.data.create('contacts', { email: 'a@example.com' });
    const { connector, waits } = sandboxConnector(sandbox, { maxAttempts: 3 });
    try {
      await assert.rejects(connector.fetch('contacts', [id], ['email']), (error) =>
        assertRetryableError(error, 'hubspot_rate_limited'),
      );
      assert.equal(sandbox.stats.faultsInjected, 3, 'three attempts, then it gave up');
      // The window (10 s) before each retry, never the short exponential backoff; the pacer
      // holds the next call for the same pause.
      assert.ok(waits.length >= 2, `waits ${waits.join()}`);
      assert.ok(
        waits.every((wait) => wait === 10_000),
        `waits ${waits.join()}`,
      );
    } finally {
      await connector.close?.();
      await sandbox.close();
    }
  });

  it('waits for the window the rate-limit headers name when a 429 has no Retry-After', async () => {
    const sandbox = await startHubSpotSandbox({
      accessToken: 't',
      rateLimit: { max: 2, intervalMs: 300 },
      retryAfter: false,
    });
    const id = sandbox.data.create('contacts', { email: 'a@example.com' });
    const first = sandboxConnector(sandbox).connector;
    const waits: number[] = [];
    const second = sandboxConnector(sandbox, { sleep: timedSleep(waits) }).connector;
    try {
      // Another worker spends the window; this one learns of it by a 429 with headers only.
      await first.fetch('contacts', [id], ['email']);
      await first.fetch('contacts', [id], ['email']);
      const records = await second.fetch('contacts', [id], ['email']);

      assert.equal(records[0]?.properties['email'], 'a@example.com');
      assert.equal(sandbox.stats.rateLimited, 1);
      assert.equal(waits[0], 300, `X-HubSpot-RateLimit-Interval-Milliseconds: ${waits.join()}`);
    } finally {
      await first.close?.();
      await second.close?.();
      await sandbox.close();
    }
  });

  it('waits about a second after the secondly search limit, then succeeds', async () => {
    const sandbox = await startHubSpotSandbox({
      accessToken: 't',
      rateLimit: { max: 1_000_000, intervalMs: 10_000 },
      searchPerSecond: 1,
      retryAfter: false,
    });
    sandbox.data.create('contacts', { email: 'a@example.com' });
    const waits: number[] = [];
    const { connector } = sandboxConnector(sandbox, { sleep: timedSleep(waits) });
    try {
      const start = await readAll(connector, 'contacts', null);
      // Incremental syncs search: the pacer spaces searches for HubSpot's documented 5 per
      // second, this portal allows 1, so the second search meets the secondly limit.
      await readAll(connector, 'contacts', start.cursor);
      const again = await readAll(connector, 'contacts', start.cursor);

      assert.ok(again.pages.length >= 1);
      assert.ok(sandbox.stats.rateLimited >= 1, 'the search limit was met');
      assert.ok(waits.includes(1000), `one second for SECONDLY: ${waits.join()}`);
    } finally {
      await connector.close?.();
      await sandbox.close();
    }
  });

  it('backs off longer after each 5xx and gives up with a retryable error', async () => {
    const sandbox = await startHubSpotSandbox({
      accessToken: 't',
      faults: 1,
      faultKinds: ['internal_error', 'bad_gateway', 'unavailable'],
      ...NO_LIMITS,
    });
    const id = sandbox.data.create('contacts', { email: 'a@example.com' });
    const { connector, waits } = sandboxConnector(sandbox, { maxAttempts: 5 });
    try {
      await assert.rejects(connector.fetch('contacts', [id], ['email']), (error) => {
        assertRetryableError(error, 'hubspot_server_error');
        assert.match((error as Error).message, /answered 5\d\d/);
        return true;
      });
      assert.equal(sandbox.stats.faultsInjected, 5);
      assert.equal(waits.length, 4, `a wait before each retry: ${waits.join()}`);
      for (let index = 1; index < waits.length; index += 1) {
        assert.ok((waits[index] ?? 0) >= (waits[index - 1] ?? 0), `growing: ${waits.join()}`);
      }
      assert.ok((waits[3] ?? 0) >= 2 * (waits[0] ?? 0), `grows: ${waits.join()}`);
    } finally {
      await connector.close?.();
      await sandbox.close();
    }
  });
});
