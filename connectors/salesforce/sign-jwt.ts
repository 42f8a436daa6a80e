import { sign } from 'node:crypto';

/** The claims of the OAuth 2.0 JWT bearer flow (RFC 7523) as Salesforce reads them. */
export interface JwtBearerClaims {
  /** The connected app's consumer key. */
  iss: string;
  /** The Salesforce username the token is for. */
  sub: string;
  /** The login host: https://login.salesforce.com, https://test.salesforce.com or a My Domain. */
  aud: string;
  /** Expiry in epoch seconds; Salesforce refuses assertions valid for more than 3 minutes. */
  exp: number;
}

/** A compact JWS signed with RS256, the only algorithm Salesforce accepts for this flow. */
export function signJwt(claims: JwtBearerClaims, privateKeyPem: string): string {
  const header = base64Url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64Url(JSON.stringify(claims));
  const signingInput = `${header}.${payload}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), privateKeyPem);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
