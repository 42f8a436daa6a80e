import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The claims Salesforce's JWT bearer flow reads. */
export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
}

export type JwtCheck = { ok: true; claims: JwtClaims } | { ok: false };

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a compact JWT signed RS256 with the key whose public part the sandbox holds.
 * Only RS256 is accepted (Salesforce's flow requires it); `alg: none` and HMAC are refused.
 */
export function verifyJwtAssertion(assertion: string, publicKey: KeyObject): JwtCheck {
  const parts = assertion.split('.');
  if (parts.length !== 3) return { ok: false };
  const [header = '', payload = '', signature = ''] = parts;

  if (decodeJson(header)?.['alg'] !== 'RS256') return { ok: false };
  const valid = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  const claims = decodeJson(payload);
  return valid && claims ? { ok: true, claims } : { ok: false };
}

export function publicKeyFrom(pem: string): KeyObject {
  return createPublicKey(pem);
}
