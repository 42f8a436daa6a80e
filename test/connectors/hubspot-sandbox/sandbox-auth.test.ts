import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@hubspot/api-client';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { clientFor, failureOf } from './sandbox-client.js';

const app = { clientId: 'client-1', clientSecret: 'secret-1', refreshToken: 'refresh-1' };

describe('hubspot sandbox: authentication', () => {
  let sandbox: HubSpotSandbox;

  before(async () => {
    sandbox = await startHubSpotSandbox({ oauth: app });
  });
  after(async () => {
    await sandbox.close();
  });

  it('answers 401 INVALID_AUTHENTICATION for an unknown token', async () => {
    const failure = await failureOf(clientFor(sandbox, 'wrong').crm.contacts.basicApi.getPage());
    assert.equal(failure.code, 401);
    assert.equal(failure.body['category'], 'INVALID_AUTHENTICATION');
    assert.equal(typeof failure.body['correlationId'], 'string');
  });

  it('expires the token (401 EXPIRED_AUTHENTICATION) and accepts a refreshed one', async () => {
    sandbox.expireToken();
    const expired = await failureOf(clientFor(sandbox).crm.contacts.basicApi.getPage());
    assert.equal(expired.code, 401);
    assert.equal(expired.body['category'], 'EXPIRED_AUTHENTICATION');

    const oauth = new Client({ basePath: sandbox.url });
    const tokens = await oauth.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      app.clientId,
      app.clientSecret,
      app.refreshToken,
    );
    assert.equal(tokens.tokenType, 'bearer');
    assert.equal(tokens.refreshToken, app.refreshToken);
    assert.ok(tokens.expiresIn > 0);

    const page = await clientFor(sandbox, tokens.accessToken).crm.contacts.basicApi.getPage();
    assert.deepEqual(page.results, []);
  });

  it('refuses a bad refresh token with 400 BAD_REFRESH_TOKEN', async () => {
    const oauth = new Client({ basePath: sandbox.url });
    const failure = await failureOf(
      oauth.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        app.clientId,
        app.clientSecret,
        'stolen',
      ),
    );
    assert.equal(failure.code, 400);
    assert.equal(failure.body['status'], 'BAD_REFRESH_TOKEN');
  });
});
