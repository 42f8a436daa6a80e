import { randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import type { TokenRegistry } from '../../sandbox-kit/token-registry.js';

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

// HubSpot access tokens live 30 minutes.
const ACCESS_TOKEN_SECONDS = 1800;

/**
 * HubSpot's OAuth errors are 400s whose `status` names the problem, e.g.
 * `{status:'BAD_REFRESH_TOKEN', message:'missing or invalid refresh token'}`; the sandbox uses
 * the same shape for a bad grant type, client id and secret.
 */
function oauthError(response: Response, status: string, message: string): void {
  response.status(400).json({ status, message, correlationId: randomUUID() });
}

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** `POST /oauth/v1/token` (form-encoded refresh grant), only when `oauth` is configured. */
export function oauthRoute(app: OAuthApp | undefined, tokens: TokenRegistry): Router {
  const router = Router();

  router.post('/oauth/v1/token', express.urlencoded({ extended: false }), (request, response) => {
    const body: unknown = request.body;
    if (field(body, 'grant_type') !== 'refresh_token') {
      oauthError(response, 'BAD_GRANT_TYPE', 'grant_type must be refresh_token');
    } else if (!app || field(body, 'client_id') !== app.clientId) {
      oauthError(response, 'BAD_CLIENT_ID', 'missing or invalid client_id');
    } else if (field(body, 'client_secret') !== app.clientSecret) {
      oauthError(response, 'BAD_CLIENT_SECRET', 'missing or invalid client_secret');
    } else if (field(body, 'refresh_token') !== app.refreshToken) {
      oauthError(response, 'BAD_REFRESH_TOKEN', 'missing or invalid refresh token');
    } else {
      // HubSpot keeps the refresh token and issues a fresh access token.
      response.json({
        token_type: 'bearer',
        refresh_token: app.refreshToken,
        access_token: tokens.issue(),
        expires_in: ACCESS_TOKEN_SECONDS,
      });
    }
  });

  return router;
}
