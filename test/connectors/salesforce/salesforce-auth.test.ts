import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { startSalesforceSandbox } from '../../../connectors/salesforce/sandbox/index.js';
import {
  readAll,
  recordIds,
  recordingSleep,
  sandboxConnector,
  TEST_HOME,
} from './salesforce-test-kit.js';
import { createSalesforceConnector } from '../../../connectors/salesforce/index.js';

const OAUTH = { clientId: 'app', clientSecret: 'secret', refreshToken: 'refresh-1' };

function seed(sandbox: Awaited<ReturnType<typeof startSalesforceSandbox>>, count: number): void {
  const rows = Array.from({ length: count }, (_row, index) => ({ LastName: `a${index}` }));
  sandbox.data.createMany('Contact', rows);
}

describe('Salesforce connector: auth and API budget', () => {
  it('refreshes with the refresh token on INVALID_SESSION_ID and carries on', async () => {
    const sandbox = await startSalesforceSandbox({ oauth: OAUTH });
    try {
      seed(sandbox, 10);
      const { connector } = sandboxConnector(sandbox, {
        refresh: { ...OAUTH, loginUrl: sandbox.url },
      });
      assert.equal(await connector.count('contacts'), 10);
      sandbox.expireToken();
      const { pages } = await readAll(connector, 'contacts', null);
      assert.equal(recordIds(pages).length, 10);
    } finally {
      await sandbox.close();
    }
  });

  it('signs a JWT bearer assertion (RS256) for a token, also after expiry', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const jwt = { clientId: 'jwt-app', username: 'integration@example.com' };
    const sandbox = await startSalesforceSandbox({ jwt: { ...jwt, publicKeyPem } });
    try {
      seed(sandbox, 3);
      const connector = createSalesforceConnector({
        instanceUrl: sandbox.url,
        jwt: { ...jwt, privateKeyPem, loginUrl: sandbox.url },
        sleep: recordingSleep().sleep,
      });
      // No token configured: the first call obtains one through the JWT grant.
      assert.equal(await connector.count('contacts'), 3);
      sandbox.expireToken();
      assert.equal(await connector.count('contacts'), 3);
    } finally {
      await sandbox.close();
    }
  });

  it('fails with a clear non-retryable salesforce_auth_failed when it cannot refresh', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const { connector } = sandboxConnector(sandbox);
      assert.equal(await connector.count('contacts'), 0);
      sandbox.expireToken();
      await assert.rejects(connector.count('contacts'), (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'salesforce_auth_failed');
        assert.equal(error.retryable, false);
        assert.match(error.message, /refresh token or JWT/);
        return true;
      });
    } finally {
      await sandbox.close();
    }
  });

  it('stops with a retryable salesforce_api_budget_reached before its share is used', async () => {
    const sandbox = await startSalesforceSandbox({ dailyApiLimit: 40, queryBatchSize: 200 });
    try {
      seed(sandbox, 5000);
      const { connector } = sandboxConnector(sandbox, { apiBudgetShare: 0.5 });
      await assert.rejects(readAll(connector, 'contacts', null), (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'salesforce_api_budget_reached');
        assert.equal(error.retryable, true);
        return true;
      });
      assert.equal(sandbox.stats.apiUsage, 20);
      assert.deepEqual(connector.apiUsage(), { used: 20, limit: 40 });
    } finally {
      await sandbox.close();
    }
  });

  it('treats 403 REQUEST_LIMIT_EXCEEDED as the budget used up, without hammering', async () => {
    const sandbox = await startSalesforceSandbox({ dailyApiLimit: 3 });
    try {
      const { connector, waits } = sandboxConnector(sandbox, { apiBudgetShare: 1.5 });
      for (let call = 0; call < 3; call += 1) await connector.count('contacts');
      await assert.rejects(connector.count('contacts'), {
        code: 'salesforce_api_budget_reached',
        retryable: true,
      });
      assert.equal(sandbox.stats.limitExceeded, 1);
      assert.deepEqual(waits, []);
    } finally {
      await sandbox.close();
    }
  });

  it('completes a sync through injected 500/503s and hangs, retrying on its own clock', async () => {
    const sandbox = await startSalesforceSandbox({
      faults: 0.15,
      faultSeed: 7,
      hangMs: 300,
      queryBatchSize: 250,
    });
    try {
      seed(sandbox, 3000);
      const { connector, waits } = sandboxConnector(sandbox, {
        requestTimeoutMs: 1000,
        maxAttempts: 8,
      });
      const { pages } = await readAll(connector, 'contacts', null);
      assert.equal(new Set(recordIds(pages)).size, 3000);
      assert.ok(waits.length > 0, 'some calls were retried');
    } finally {
      await sandbox.close();
    }
  });

  it('keeps @salesforce/core state out of the home directory', () => {
    assert.equal(existsSync(path.join(os.homedir(), '.sf')), false);
    assert.equal(existsSync(path.join(os.homedir(), '.sfdx')), false);
    const state = path.join(TEST_HOME, 'salesforce', '.sfdx');
    assert.ok(readdirSync(state).includes('key.json'));
  });
});
