import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A freshly made API key: the token to show once, and what the store keeps. */
export interface NewApiKey {
  /** Public id, also inside the token, to find the stored hash without scanning. */
  id: string;
  /** `crmml_<id>_<secret>`; never stored. */
  token: string;
  /** SHA-256 of the token, hex. */
  hash: string;
}

const TOKEN_PATTERN = /^crmml_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

/** SHA-256 of a token, hex: the token has 256 random bits, so no slow hash is needed. */
export function hashApiKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Makes a new random API key. */
export function generateApiKey(): NewApiKey {
  const id = randomBytes(8).toString('hex');
  const token = `crmml_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, token, hash: hashApiKey(token) };
}

/** The key id inside a well-formed token, or undefined for anything else. */
export function apiKeyIdOf(token: string): string | undefined {
  return TOKEN_PATTERN.exec(token)?.[1];
}

/** Whether `token` hashes to `storedHash`, compared in constant time. */
export function apiKeyMatches(token: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(token), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
