/** What replaces a secret's value in a log line. */
export const REDACTED = '[redacted]';

// Compared without case, `_` or `-`, so `client_secret`, `Client-Secret` and `clientSecret`
// are one name. `token` and `secret` also cover webhook secrets and signature headers' peers.
const SECRET_NAMES = new Set([
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'token',
  'clientsecret',
  'secret',
  'previoussecret',
  'password',
  'passphrase',
  'privatekey',
  'apikey',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xhubspotsignaturev3',
  'webhooksignature',
]);

// Deeper than any object crm-ml logs; a guard against pathological input, not a limit in use.
const MAX_DEPTH = 12;

/** True when a property of this name holds a secret and must not be logged. */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase().replaceAll(/[-_]/g, ''));
}

/**
 * A copy of `value` with every property named like a secret replaced by `[redacted]`, at any
 * depth, in arrays and in errors (their causes included). Cycles and anything deeper than
 * `MAX_DEPTH` become `[circular]` / `[too deep]`; the input is never changed.
 */
export function redactSecrets(value: unknown): unknown {
  return redact(value, 0, new WeakSet());
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);

  try {
    if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));

    const copy: Record<string, unknown> = {};
    if (value instanceof Error) {
      // pino's error serialiser reads these; own enumerable fields (HTTP client errors carry
      // request headers and bodies) go through the same redaction below.
      copy['type'] = value.name;
      copy['message'] = value.message;
      copy['stack'] = value.stack;
      if (value.cause !== undefined) copy['cause'] = redact(value.cause, depth + 1, seen);
    }
    for (const [name, item] of Object.entries(value)) {
      copy[name] = isSecretName(name) ? REDACTED : redact(item, depth + 1, seen);
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}
