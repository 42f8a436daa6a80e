import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Registry } from 'prom-client';

import { listenError } from '../errors/listen-error.js';
import { createLogger } from '../logging/logger.js';

const logger = createLogger('queue.metrics');

/** A running metrics endpoint. */
export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `registry` as Prometheus text on `GET /metrics`, on every interface unless told. A
 * function gives the registry once it exists (503 before), so the port can be taken, or fail
 * to be, before the workers whose metrics it serves start. A port that cannot be had is a
 * `port_in_use` or `listen_failed` error.
 */
export async function startMetricsServer(
  source: Registry | (() => Registry | undefined),
  port: number,
  host = '0.0.0.0',
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    const registry = typeof source === 'function' ? source() : source;
    if (registry === undefined) {
      response.writeHead(503).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: unknown) => {
        logger.error({ err }, 'metrics not collected');
        response.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, host, port)));
    server.listen(port, host, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  logger.info({ port: bound }, 'metrics listening');
  return {
    port: bound,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
