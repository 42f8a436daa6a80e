import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { startSalesforceSandbox } from '../../../connectors/salesforce/sandbox/index.js';
import { sandboxConnector } from './salesforce-test-kit.js';

const OAUTH = { clientId: 'app', clientSecret: 'secret', refreshToken: 'refresh-1' };

type Trouble = 'hang' | 'unavailable';

/**
 * A login host in front of the sandbox's token endpoint: the first `troubled` requests hang
 * past the connector's timeout or get a 503, the rest are passed on.
 */
async function troubledLogin(
  sandboxUrl: string,
  trouble: Trouble,
  troubled: number,
): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (requests <= troubled && trouble === 'hang') return;
      if (requests <= troubled) {
        response.writeHead(503).end();
        return;
      }
      void fetch(`${sandboxUrl}${request.url ?? ''}`, {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: Buffer.concat(chunks),
      }).then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(await answer.text());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe(
  'Salesforce token refresh under a slow or failing login host',
  { concurrency: true },
  () => {
    for (const trouble of ['hang', 'unavailable'] as const) {
      it(`retries a token request that met a ${trouble} and carries on`, async () => {
        const sandbox = await startSalesforceSandbox({ oauth: OAUTH });
        const login = await troubledLogin(sandbox.url, trouble, 2);
        try {
          sandbox.data.createMany('Contact', [{ LastName: 'a' }, { LastName: 'b' }]);
          const { connector, waits } = sandboxConnector(sandbox, {
            refresh: { ...OAUTH, loginUrl: login.url },
            requestTimeoutMs: 300,
          });
          sandbox.expireToken();
          assert.equal(await connector.count('contacts'), 2);
          assert.equal(login.requests(), 3, 'two troubled token requests, then one answered');
          assert.equal(waits.length, 2, 'one backoff per troubled token request');
        } finally {
          await login.close();
          await sandbox.close();
        }
      });
    }

    it('gives up after maxAttempts with the retryable salesforce_token_refresh_failed', async () => {
      const sandbox = await startSalesforceSandbox({ oauth: OAUTH });
      const login = await troubledLogin(sandbox.url, 'unavailable', 100);
      try {
        const { connector } = sandboxConnector(sandbox, {
          refresh: { ...OAUTH, loginUrl: login.url },
          maxAttempts: 3,
        });
        sandbox.expireToken();
        await assert.rejects(connector.count('contacts'), (error: unknown) => {
          assert.ok(error instanceof CrmMlError);
          assert.equal(error.code, 'salesforce_token_refresh_failed');
          assert.equal(error.retryable, true);
          return true;
        });
        assert.equal(login.requests(), 3);
      } finally {
        await login.close();
        await sandbox.close();
      }
    });

    it('does not retry a refused refresh token', async () => {
      const sandbox = await startSalesforceSandbox({ oauth: OAUTH });
      const login = await troubledLogin(sandbox.url, 'unavailable', 0);
      try {
        const { connector } = sandboxConnector(sandbox, {
          refresh: { ...OAUTH, refreshToken: 'revoked', loginUrl: login.url },
        });
        sandbox.expireToken();
        await assert.rejects(connector.count('contacts'), (error: unknown) => {
          assert.ok(error instanceof CrmMlError);
          assert.equal(error.code, 'salesforce_auth_failed');
          assert.equal(error.retryable, false);
          return true;
        });
        assert.equal(login.requests(), 1);
      } finally {
        await login.close();
        await sandbox.close();
      }
    });
  },
);
