import type { RequestHandler } from 'express';
import { hubspotErrorBody } from './hubspot-error.js';
import { tenSecondlyBody } from './rate-limit-middleware.js';
import type { SandboxStats } from './sandbox-stats.js';

export type FaultKind = 'rate_limit' | 'internal_error' | 'bad_gateway' | 'unavailable' | 'timeout';

const FAULT_KINDS: readonly FaultKind[] = [
  'rate_limit',
  'internal_error',
  'bad_gateway',
  'unavailable',
  'timeout',
];

const STATUS_BY_KIND: Readonly<Record<Exclude<FaultKind, 'timeout' | 'rate_limit'>, number>> = {
  internal_error: 500,
  bad_gateway: 502,
  unavailable: 503,
};

export interface FaultSettings {
  /** Share of requests (0..1) answered with a fault. */
  rate: number;
  seed: number;
  /** How long a timeout fault holds the request before destroying the socket. */
  hangMs: number;
}

/** mulberry32: a tiny seeded PRNG, so a fault run repeats request for request. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Answers a seeded share of requests with a 429, a 5xx or a hang-then-reset before any other
 * middleware runs, so a fault never half-applies a write.
 */
export class FaultInjector {
  private readonly random: () => number;
  private readonly hanging = new Set<NodeJS.Timeout>();

  constructor(
    private readonly settings: FaultSettings,
    private readonly stats: SandboxStats,
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
      this.stats.faultsInjected += 1;

      if (kind === 'timeout') {
        const timer = setTimeout(() => {
          this.hanging.delete(timer);
          request.socket.destroy();
        }, this.settings.hangMs);
        this.hanging.add(timer);
      } else if (kind === 'rate_limit') {
        response.set('Retry-After', '10').status(429).json(tenSecondlyBody());
      } else {
        const message = 'internal error (injected by the sandbox)';
        response.status(STATUS_BY_KIND[kind]).json(hubspotErrorBody('INTERNAL_ERROR', message));
      }
    };
  }

  /** Releases pending timeouts so the server can close at once. */
  stop(): void {
    for (const timer of this.hanging) clearTimeout(timer);
    this.hanging.clear();
  }

  private draw(): FaultKind | undefined {
    if (this.settings.rate <= 0) return undefined;
    if (this.random() >= this.settings.rate) return undefined;
    return FAULT_KINDS[Math.floor(this.random() * FAULT_KINDS.length)];
  }
}
