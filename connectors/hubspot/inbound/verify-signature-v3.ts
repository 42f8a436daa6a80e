// API (for /hooks/hubspot too): verifyHubSpotSignatureV3({ clientSecret, method, uri, body,
// signature, timestamp, now? }) returns `{ ok: true }` or `{ ok: false, reason }` with a
// `SignatureV3Failure` reason. `uri` is the full URL HubSpot
// called (https://host/path?query, as configured in the app), `body` the raw body (the
// request's bytes as a Buffer, '' for GET), `signature`/`timestamp` the
// X-HubSpot-Signature-v3 / X-HubSpot-Request-Timestamp headers. It never throws on bad input.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignatureV3Input {
  /** The app's client secret. */
  clientSecret: string;
  method: string;
  /** The full URL HubSpot requested, protocol and query included. */
  uri: string;
  /**
   * The raw request body exactly as received ('' or an empty buffer when there is none). Pass
   * the bytes: decoding them first would alter invalid UTF-8 and break the signature check.
   */
  body: string | Buffer;
  /** X-HubSpot-Signature-v3, base64. */
  signature: string | undefined;
  /** X-HubSpot-Request-Timestamp, milliseconds since the epoch. */
  timestamp: string | undefined;
  /** Milliseconds since the epoch; defaults to the clock. */
  now?: number;
}

export type SignatureV3Failure =
  'missing_headers' | 'invalid_timestamp' | 'stale_timestamp' | 'bad_signature';

export type SignatureV3Result = { ok: true } | { ok: false; reason: SignatureV3Failure };

// HubSpot refuses to let a captured request be replayed after five minutes; so do we.
const MAX_AGE_MS = 5 * 60 * 1000;

// HubSpot signs the URI with these characters decoded, whatever the client sent.
const DECODED: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

function canonicalUri(uri: string): string {
  return uri.replace(
    /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi,
    (m) => DECODED[m.toUpperCase()] ?? m,
  );
}

/** The v3 signature HubSpot would send for this request (base64 HMAC-SHA256). */
export function signHubSpotRequestV3(
  input: Pick<SignatureV3Input, 'clientSecret' | 'method' | 'uri' | 'body'> & {
    timestamp: string;
  },
): string {
  const uri = canonicalUri(input.uri);
  const hmac = createHmac('sha256', input.clientSecret);
  hmac.update(`${input.method.toUpperCase()}${uri}`, 'utf8');
  hmac.update(typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body);
  hmac.update(input.timestamp, 'utf8');
  return hmac.digest('base64');
}

/** Checks a request's X-HubSpot-Signature-v3 and its timestamp. */
export function verifyHubSpotSignatureV3(input: SignatureV3Input): SignatureV3Result {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, reason: 'missing_headers' };
  // Milliseconds since the epoch, as HubSpot sends them.
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'invalid_timestamp' };

  const age = (input.now ?? Date.now()) - Number(timestamp);
  if (age > MAX_AGE_MS || age < -MAX_AGE_MS) return { ok: false, reason: 'stale_timestamp' };

  const expected = Buffer.from(signHubSpotRequestV3({ ...input, timestamp }), 'base64');
  const actual = Buffer.from(signature, 'base64');
  const same = actual.length === expected.length && timingSafeEqual(actual, expected);
  return same ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
