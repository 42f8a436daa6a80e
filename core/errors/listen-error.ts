import { CrmMlError } from './crm-ml-error.js';

/**
 * A server's failure to listen as a CrmMlError naming the address: `port_in_use` when another
 * process holds the port, `listen_failed` otherwise (no such local address, no permission).
 */
export function listenError(error: unknown, host: string, port: number): CrmMlError {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE') {
    return new CrmMlError(
      'port_in_use',
      `port ${port} on ${host} is already in use; stop what holds it or choose another port`,
      { details: [{ path: 'port', message: `${where} is in use` }], cause: error },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new CrmMlError('listen_failed', `cannot listen on ${where}: ${reason}`, {
    details: [{ path: 'port', message: reason }],
    cause: error,
  });
}
