import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

/**
 * An agent whose sockets destroy themselves after `idleMs` without traffic.
 *
 * @hubspot/api-client has no timeout option, and its transport passes no AbortSignal to the
 * request; an agent is the one hook it offers (`httpAgent`). Destroying the idle socket makes
 * the pending request fail with an error, so a hung call frees its socket instead of leaking it.
 */
export function createTimeoutAgent(basePath: string, idleMs: number): http.Agent {
  const secure = new URL(basePath).protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const createConnection = agent.createConnection.bind(agent);

  agent.createConnection = (options, callback) => {
    const stream = createConnection(options, callback);
    const socket = stream as Socket | null | undefined;
    socket?.setTimeout(idleMs, () => {
      socket.destroy(new Error(`socket idle for ${idleMs} ms`));
    });
    return stream;
  };
  return agent;
}
