import { CrmMlError } from '../errors/crm-ml-error.js';

/** A connection URL with its password replaced by `***`, safe to print. */
export function redactUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** The socket-level reason of a connection failure in words (`connection refused`). */
export function connectionFailureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    ETIMEDOUT: 'connection timed out',
    ECONNRESET: 'connection reset',
    EAI_AGAIN: 'host name lookup failed',
  };
  if (typeof code === 'string' && reasons[code] !== undefined) return reasons[code];
  return error instanceof Error ? error.message : String(error);
}

// PostgreSQL refusing the connection itself: no such database (3D000), authentication
// (class 28), a server starting up or shutting down (57P03).
const REFUSED_BY_SERVER = /^(3D000|28[0-9A-Z]{3}|57P03)$/;

/**
 * True when `error` means the store could not be reached or would not let us in (a socket
 * error, or PostgreSQL refusing the connection), as opposed to a failing statement.
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^E[A-Z_]+$/.test(code) || REFUSED_BY_SERVER.test(code));
}

/** The `store_unavailable` error for a PostgreSQL store that cannot be reached. */
export function storeUnavailable(databaseUrl: string, error: unknown): CrmMlError {
  const where = redactUrlPassword(databaseUrl);
  return new CrmMlError(
    'store_unavailable',
    `PostgreSQL at DATABASE_URL ${where}: ${connectionFailureReason(error)}`,
    { cause: error, retryable: true, details: [{ path: 'DATABASE_URL', message: where }] },
  );
}
