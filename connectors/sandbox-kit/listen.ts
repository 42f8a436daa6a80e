import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { listenError } from '../../core/errors/listen-error.js';

// Node closes idle keep-alive sockets after 5 s; the vendors' edges keep them far longer, so a
// client pausing between calls (e.g. while a model trains) would meet resets no CRM sends.
const KEEP_ALIVE_MS = 60_000;

/** Listens on 127.0.0.1 and resolves the bound port (0 picks a free one). */
export function listen(server: Server, port: number): Promise<number> {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => reject(listenError(error, '127.0.0.1', port));
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Drops open keep-alive sockets and waits for the server to close. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
