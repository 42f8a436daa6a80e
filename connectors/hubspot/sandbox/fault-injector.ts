import { FaultInjector, type FaultSettings } from '../../sandbox-kit/fault-injector.js';
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

export interface HubSpotFaultOptions {
  /** The kinds to draw from; default every kind. */
  kinds?: readonly FaultKind[];
  /** Whether an injected 429 carries Retry-After; default true. */
  retryAfter?: boolean;
}

/** HubSpot's faults: a ten-secondly 429, a 500/502/503 with HubSpot's body, or a hang. */
export function hubspotFaultInjector(
  settings: FaultSettings,
  stats: SandboxStats,
  options: HubSpotFaultOptions = {},
): FaultInjector<FaultKind> {
  return new FaultInjector<FaultKind>(
    settings,
    options.kinds ?? FAULT_KINDS,
    (kind, response) => {
      if (kind === 'rate_limit') {
        if (options.retryAfter ?? true) response.set('Retry-After', '10');
        response.status(429).json(tenSecondlyBody());
        return;
      }
      const message = 'internal error (injected by the sandbox)';
      response.status(STATUS_BY_KIND[kind]).json(hubspotErrorBody('INTERNAL_ERROR', message));
    },
    () => {
      stats.faultsInjected += 1;
    },
  );
}
