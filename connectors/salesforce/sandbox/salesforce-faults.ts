import { randomUUID } from 'node:crypto';
import { FaultInjector, type FaultSettings } from '../../sandbox-kit/fault-injector.js';
import type { SalesforceSandboxStats } from './sandbox-stats.js';

export type SalesforceFaultKind = 'internal_error' | 'unavailable' | 'timeout';

const KINDS: readonly SalesforceFaultKind[] = ['internal_error', 'unavailable', 'timeout'];

/**
 * Salesforce's transient failures: a 500 UNKNOWN_EXCEPTION carrying an ErrorId, a 503 while a
 * pod is unavailable, or a request that hangs until the socket is destroyed.
 */
export function salesforceFaultInjector(
  settings: FaultSettings,
  stats: SalesforceSandboxStats,
): FaultInjector<SalesforceFaultKind> {
  return new FaultInjector<SalesforceFaultKind>(
    settings,
    KINDS,
    (kind, response) => {
      if (kind === 'unavailable') {
        const message = 'Server Unavailable (injected by the sandbox)';
        response.status(503).json([{ message, errorCode: 'SERVER_UNAVAILABLE' }]);
        return;
      }
      const message =
        'An unexpected error occurred. Please include this ErrorId if you contact support: ' +
        `${randomUUID()} (injected by the sandbox)`;
      response.status(500).json([{ message, errorCode: 'UNKNOWN_EXCEPTION' }]);
    },
    () => {
      stats.faultsInjected += 1;
    },
  );
}
