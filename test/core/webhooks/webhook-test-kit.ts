import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mock } from 'node:test';

import { Webhook } from 'standardwebhooks';

/** One request the subscriber received, with the simulated time it arrived at. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** What the subscriber answers: a status and optional headers. */
export type Answer = { status: number; headers?: Record<string, string> };

/** A real local HTTP server standing in for a subscriber. */
export interface Subscriber {
  url: string;
  received: Received[];
  answer: (request: Received) => Answer;
  close(): Promise<void>;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') flat[name] = value;
  }
  return flat;
}

/** Starts a subscriber on a free port; `now` tells it the simulated time. */
export async function startSubscriber(now: () => number): Promise<Subscriber> {
  const subscriber: Subscriber = {
    url: '',
    received: [],
    answer: () => ({ status: 200 }),
    close: async () => {},
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        path: req.url ?? '',
        headers: flatHeaders(req.headers),
        body: Buffer.concat(chunks).toString('utf8'),
        at: now(),
      };
      subscriber.received.push(request);
      const answer = subscriber.answer(request);
      res.writeHead(answer.status, answer.headers ?? {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  subscriber.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  subscriber.close = () => new Promise((resolve) => server.close(() => resolve()));
  return subscriber;
}

/**
 * Verifies a received request with the reference library, as a subscriber would at the moment
 * it arrived (the library checks the timestamp against the wall clock, so that is mocked).
 */
export function verifyAsSubscriber(secret: string, request: Received): unknown {
  mock.timers.enable({ apis: ['Date'], now: request.at });
  try {
    return new Webhook(secret).verify(request.body, request.headers);
  } finally {
    mock.timers.reset();
  }
}

/** A simulated clock that only moves when told. */
export class SimulatedClock {
  constructor(public ms: number) {}

  readonly now = (): Date => new Date(this.ms);

  advance(ms: number): void {
    this.ms += ms;
  }
}
