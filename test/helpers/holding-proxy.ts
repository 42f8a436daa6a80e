import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of a sandbox that holds the requests a test names until released. */
export interface HoldingProxy {
  readonly url: string;
  /** Requests held so far (released ones included). */
  readonly held: number;
  /** Forwards every held request and holds no more. */
  release(): void;
  close(): Promise<void>;
}

/**
 * Forwards every request to `target`, except that those `hold` picks wait until `release()`:
 * a way to keep a run in one stage for as long as a test needs, without timing guesses.
 */
export async function startHoldingProxy(
  target: string,
  hold: (method: string, path: string) => boolean,
): Promise<HoldingProxy> {
  const waiting: (() => void)[] = [];
  let held = 0;
  let holding = true;

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const url = new URL(incoming.url ?? '/', target);
    const upstream = request(
      url,
      { method: incoming.method, headers: { ...incoming.headers, host: url.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  };

  const server = createServer((incoming, outgoing) => {
    const path = new URL(incoming.url ?? '/', target).pathname;
    if (holding && hold(incoming.method ?? 'GET', path)) {
      held += 1;
      incoming.pause();
      waiting.push(() => forward(incoming, outgoing));
      return;
    }
    forward(incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get held() {
      return held;
    },
    release() {
      holding = false;
      for (const go of waiting.splice(0)) go();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
