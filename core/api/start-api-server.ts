import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import { listenError } from '../errors/listen-error.js';
import { createLogger } from '../logging/logger.js';
import { createApiApp, type ApiOptions } from './create-api-app.js';

const logger = createLogger('api');

/** A listening API server. */
export interface ApiServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the API on `port` (0 picks a free one) and resolves once it listens. */
export async function startApiServer(
  options: ApiOptions,
  listen: { port: number; host?: string },
): Promise<ApiServer> {
  const app = createApiApp(options);
  const host = listen.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const started = app.listen(listen.port, host, (error?: Error) =>
      error ? reject(listenError(error, host, listen.port)) : resolve(started),
    );
  });
  // Slow or stuck clients must not hold sockets for ever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;

  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ url }, 'api listening');

  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
