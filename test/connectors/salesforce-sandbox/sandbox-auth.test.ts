import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { startSalesforceSandbox } from '../../../connectors/salesforce/sandbox/index.js';
import { connect, errorOf, jsforce } from './sandbox-client.js';

const OAUTH = { clientId: 'crm-ml-app', clientSecret: 'shh', refreshToken: 'refresh-1' };

function jwtAssertion(privateKey: import('node:crypto').KeyObject, claims: object): string {
  const encode = (value: object): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256' })}.${encode(claims)}`;
  const signature = sign('RSA-SHA256', Buffer.from(unsigned), privateKey);
  return `${unsigned}.${signature.toString('base64url')}`;
}

describe('salesforce sandbox: auth, limits and faults', () => {
  it('answers 401 INVALID_SESSION_ID, and jsforce refreshes and retries', async () => {
    const sandbox = await startSalesforceSandbox({ oauth: OAUTH });
    try {
      const stale = await connect(sandbox, 'not-a-token');
      assert.equal(
        (await errorOf(stale.query('SELECT Id FROM Contact'))).name,
        'INVALID_SESSION_ID',
      );

      sandbox.expireToken();
      const conn = new jsforce.Connection({
        oauth2: {
          clientId: OAUTH.clientId,
          clientSecret: OAUTH.clientSecret,
          loginUrl: sandbox.url,
        },
        instanceUrl: sandbox.url,
        accessToken: sandbox.accessToken,
        refreshToken: OAUTH.refreshToken,
        version: '62.0',
      });
      const result = await conn.query('SELECT Id FROM Contact');
      assert.equal(result.totalSize, 0);
      assert.match(conn.accessToken ?? '', new RegExp(`^${sandbox.orgId.slice(0, 15)}!AQ`));

      const oauth2 = new jsforce.OAuth2({ clientId: OAUTH.clientId, loginUrl: sandbox.url });
      const refused = await errorOf(oauth2.refreshToken('wrong'));
      assert.match(refused.message, /expired access\/refresh token/);
    } finally {
      await sandbox.close();
    }
  });

  it('grants a token for an RS256 JWT bearer assertion and refuses a bad one', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwt = {
      clientId: 'crm-ml-jwt',
      username: 'ops@crm-ml.test',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
    const sandbox = await startSalesforceSandbox({ jwt });
    try {
      const oauth2 = new jsforce.OAuth2({ clientId: jwt.clientId, loginUrl: sandbox.url });
      const claims = {
        iss: jwt.clientId,
        sub: jwt.username,
        aud: 'https://login.salesforce.com',
        exp: Math.floor(Date.now() / 1000) + 180,
      };
      const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
      const token = await oauth2.requestToken({
        grant_type: grant,
        assertion: jwtAssertion(privateKey, claims),
      });
      assert.equal(token.instance_url, sandbox.url);
      assert.equal(token.token_type, 'Bearer');
      const conn = await connect(sandbox, token.access_token);
      assert.equal((await conn.query('SELECT COUNT() FROM Lead')).totalSize, 0);

      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const forged = await errorOf(
        oauth2.requestToken({ grant_type: grant, assertion: jwtAssertion(other, claims) }),
      );
      assert.match(forged.message, /invalid assertion/);
    } finally {
      await sandbox.close();
    }
  });

  it('reports api-usage on every response and refuses past the daily allowance', async () => {
    const sandbox = await startSalesforceSandbox({ dailyApiLimit: 3 });
    try {
      const headers = { authorization: `Bearer ${sandbox.accessToken}` };
      const first = await fetch(`${sandbox.url}/services/data/v62.0/limits`, { headers });
      assert.equal(first.headers.get('sforce-limit-info'), 'api-usage=1/3');
      const limits = (await first.json()) as {
        DailyApiRequests: { Max: number; Remaining: number };
      };
      assert.deepEqual(limits.DailyApiRequests, { Max: 3, Remaining: 2 });

      const conn = await connect(sandbox);
      await conn.query('SELECT Id FROM Contact');
      await conn.query('SELECT Id FROM Contact');
      const refused = await errorOf(conn.query('SELECT Id FROM Contact'));
      assert.equal(refused.name, 'REQUEST_LIMIT_EXCEEDED');
      assert.equal(sandbox.stats.limitExceeded, 1);
    } finally {
      await sandbox.close();
    }
  });

  it('injects seeded 500/503/hang faults before any route runs', async () => {
    const sandbox = await startSalesforceSandbox({ faults: 0.3, faultSeed: 7, hangMs: 200 });
    try {
      const headers = { authorization: `Bearer ${sandbox.accessToken}` };
      const statuses: number[] = [];
      for (let call = 0; call < 12; call += 1) {
        const response = await fetch(`${sandbox.url}/services/data/v62.0/limits`, {
          headers,
        }).catch(() => undefined);
        statuses.push(response?.status ?? 0);
      }
      assert.ok(statuses.includes(200));
      assert.ok(statuses.some((status) => status !== 200));
      assert.equal(
        sandbox.stats.faultsInjected,
        statuses.filter((status) => status !== 200).length,
      );
      assert.equal(sandbox.stats.writes, 0);
    } finally {
      await sandbox.close();
    }
  });
});
