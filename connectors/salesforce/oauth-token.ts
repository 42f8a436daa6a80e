import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { salesforceDescriptor } from './salesforce-descriptor.js';
import { signJwt } from './sign-jwt.js';

/** Refresh-token flow settings of a connected app. */
export interface RefreshTokenAuth {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  loginUrl?: string;
}

/** JWT bearer flow settings: the connected app holds the certificate of this private key. */
export interface JwtBearerAuth {
  clientId: string;
  username: string;
  privateKeyPem: string;
  loginUrl?: string;
  /** Defaults to the login URL. */
  audience?: string;
}

export interface IssuedToken {
  accessToken: string;
  instanceUrl: string | null;
}

// Salesforce allows at most three minutes between now and `exp`; one leaves room for skew.
const JWT_LIFETIME_SECONDS = 60;

const tokenSchema = z.object({
  access_token: z.string().min(1),
  instance_url: z.string().url().optional(),
});

const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Asks the token endpoint for a new access token through whichever flow is configured. */
export async function requestAccessToken(
  auth: { refresh: RefreshTokenAuth } | { jwt: JwtBearerAuth },
  timeoutMs: number,
): Promise<IssuedToken> {
  if ('refresh' in auth) {
    const { clientId, clientSecret, refreshToken } = auth.refresh;
    const form = { grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret };
    return postToken(loginUrlOf(auth.refresh), { ...form, refresh_token: refreshToken }, timeoutMs);
  }

  const loginUrl = loginUrlOf(auth.jwt);
  const assertion = signJwt(
    {
      iss: auth.jwt.clientId,
      sub: auth.jwt.username,
      aud: auth.jwt.audience ?? loginUrl,
      exp: Math.floor(Date.now() / 1000) + JWT_LIFETIME_SECONDS,
    },
    auth.jwt.privateKeyPem,
  );
  const form = { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion };
  return postToken(loginUrl, form, timeoutMs);
}

function loginUrlOf(auth: { loginUrl?: string }): string {
  return (auth.loginUrl ?? salesforceDescriptor.defaultLoginUrl).replace(/\/+$/, '');
}

async function postToken(
  loginUrl: string,
  form: Record<string, string>,
  timeoutMs: number,
): Promise<IssuedToken> {
  const endpoint = `POST ${loginUrl}/services/oauth2/token`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new CrmMlError(
      'salesforce_token_refresh_failed',
      `Salesforce ${endpoint} failed before answering; a later attempt may succeed`,
      { retryable: true, cause: error },
    );
  }

  const json = parseJson(text);
  if (!response.ok) throw tokenError(endpoint, response.status, json, text);

  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) {
    throw new CrmMlError(
      'salesforce_unexpected_payload',
      `Salesforce ${endpoint} answered ${response.status} without an access_token`,
    );
  }
  return { accessToken: parsed.data.access_token, instanceUrl: parsed.data.instance_url ?? null };
}

function tokenError(endpoint: string, status: number, json: unknown, text: string): CrmMlError {
  if (status >= 500 || status === 429) {
    return new CrmMlError(
      'salesforce_token_refresh_failed',
      `Salesforce ${endpoint} answered ${status}; a later attempt may succeed`,
      { retryable: true },
    );
  }
  const parsed = tokenErrorSchema.safeParse(json);
  const reason = parsed.success
    ? `${parsed.data.error}: ${parsed.data.error_description ?? 'no description'}`
    : text.slice(0, 200);
  // invalid_grant covers a revoked refresh token, an unapproved JWT user and clock skew.
  return new CrmMlError(
    'salesforce_auth_failed',
    `Salesforce ${endpoint} refused to issue a token (${status} ${reason}). Check the connected ` +
      "app's client id and secret, the refresh token or the JWT username and certificate.",
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
