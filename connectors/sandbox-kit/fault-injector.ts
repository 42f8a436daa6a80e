import type { RequestHandler, Response } from 'express';
import { seededRandom } from './seeded-random.js';

export interface FaultSettings {
  /** Share of requests (0..1) answered with a fault. */
  rate: number;
  seed: number;
  /** How long a 'timeout' fault holds the request before destroying the socket. */
  hangMs: number;
}

/** How a sandbox answers one injected fault kind, in its vendor's wire shape. */
export type FaultAnswer<Kind extends string> = (
  kind: Exclude<Kind, 'timeout'>,
  response: Response,
) => void;

/**
 * Answers a seeded share of requests with a vendor-shaped error or, for the kind 'timeout',
 * a hang-then-reset. Mounted before any other middleware, so a fault never half-applies a
 * write. The kinds and their bodies come from the sandbox that uses it.
 */
export class FaultInjector<Kind extends string> {
  private readonly random: () => number;
  private readonly hanging = new Set<NodeJS.Timeout>();

  constructor(
    private readonly settings: FaultSettings,
    private readonly kinds: readonly Kind[],
    private readonly answer: FaultAnswer<Kind>,
    private readonly onFault: (kind: Kind) => void = () => undefined,
  ) {
    this.random = seededRandom(settings.seed);
  }

  middleware(): RequestHandler {
    return (request, response, next) => {
      const kind = this.draw();
      if (kind === undefined) {
        next();
        return;
      }
      this.onFault(kind);

      if (kind === 'timeout') {
        const timer = setTimeout(() => {
          this.hanging.delete(timer);
          request.socket.destroy();
        }, this.settings.hangMs);
        this.hanging.add(timer);
      } else {
        this.answer(kind as Exclude<Kind, 'timeout'>, response);
      }
    };
  }

  /** Releases pending timeouts so the server can close at once. */
  stop(): void {
    for (const timer of this.hanging) clearTimeout(timer);
    this.hanging.clear();
  }

  private draw(): Kind | undefined {
    if (this.settings.rate <= 0) return undefined;
    if (this.random() >= this.settings.rate) return undefined;
    return this.kinds[Math.floor(this.random() * this.kinds.length)];
  }
}
