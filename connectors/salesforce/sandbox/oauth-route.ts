import { createHmac, randomBytes, type KeyObject } from 'node:crypto';
import express, { Router, type Response } from 'express';
import type { TokenRegistry } from '../../sandbox-kit/token-registry.js';
import { publicKeyFrom, verifyJwtAssertion } from './jwt-assertion.js';
import { SANDBOX_USER_ID } from './salesforce-data.js';

export interface OAuthSettings {
  orgId: string;
  oauth: { clientId: string; clientSecret: string; refreshToken: string } | undefined;
  jwt: { clientId: string; username: string; publicKeyPem: string } | undefined;
  baseUrl: () => string;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
// Audiences Salesforce accepts for the JWT flow: its login hosts (here also the sandbox URL).
const LOGIN_HOSTS = ['https://login.salesforce.com', 'https://test.salesforce.com'];
// Salesforce allows a few minutes of clock skew on `exp`.
const SKEW_SECONDS = 180;

function refuse(response: Response, error: string, description: string): void {
  response.status(400).json({ error, error_description: description });
}

/**
 * `POST /services/oauth2/token` (form-encoded) for the refresh-token and JWT bearer grants,
 * answering Salesforce's token body or its `{error, error_description}` 400s.
 */
export function oauthRoute(settings: OAuthSettings, tokens: TokenRegistry): Router {
  const router = Router();
  const signingSecret = randomBytes(32);
  const publicKey: KeyObject | undefined =
    settings.jwt === undefined ? undefined : publicKeyFrom(settings.jwt.publicKeyPem);

  const grant = (response: Response, secret: Buffer | string): void => {
    const instanceUrl = settings.baseUrl();
    const id = `${instanceUrl}/id/${settings.orgId}/${SANDBOX_USER_ID}`;
    const issuedAt = String(Date.now());
    // Salesforce signs id + issued_at with the consumer secret so clients can check the reply.
    const signature = createHmac('sha256', secret)
      .update(id + issuedAt)
      .digest('base64');
    response.json({
      access_token: tokens.issue(),
      signature,
      scope: 'api refresh_token',
      instance_url: instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    });
  };

  router.post(
    '/services/oauth2/token',
    express.urlencoded({ extended: false }),
    (request, response) => {
      const form = (request.body ?? {}) as Record<string, unknown>;
      const grantType = form['grant_type'];

      if (grantType === 'refresh_token') {
        const oauth = settings.oauth;
        if (!oauth || form['client_id'] !== oauth.clientId) {
          refuse(response, 'invalid_client_id', 'client identifier invalid');
        } else if (
          form['client_secret'] !== undefined &&
          form['client_secret'] !== oauth.clientSecret
        ) {
          refuse(response, 'invalid_client', 'invalid client credentials');
        } else if (form['refresh_token'] !== oauth.refreshToken) {
          refuse(response, 'invalid_grant', 'expired access/refresh token');
        } else {
          grant(response, oauth.clientSecret);
        }
        return;
      }

      if (grantType === JWT_GRANT) {
        const check =
          publicKey === undefined || typeof form['assertion'] !== 'string'
            ? ({ ok: false } as const)
            : verifyJwtAssertion(form['assertion'], publicKey);
        const jwt = settings.jwt;
        if (!check.ok || !jwt) {
          refuse(response, 'invalid_grant', 'invalid assertion');
        } else if (check.claims.iss !== jwt.clientId) {
          refuse(response, 'invalid_client_id', 'client identifier invalid');
        } else if (![...LOGIN_HOSTS, settings.baseUrl()].includes(String(check.claims.aud))) {
          refuse(response, 'invalid_grant', 'audience is invalid');
        } else if (
          typeof check.claims.exp !== 'number' ||
          check.claims.exp + SKEW_SECONDS < Date.now() / 1000
        ) {
          refuse(response, 'invalid_grant', 'expired authorization code');
        } else if (check.claims.sub !== jwt.username) {
          refuse(response, 'invalid_grant', "user hasn't approved this consumer");
        } else {
          grant(response, signingSecret);
        }
        return;
      }

      refuse(response, 'unsupported_grant_type', 'grant type not supported');
    },
  );
  return router;
}
