/** Request counters a test or the demo can read while the sandbox runs. */
export interface SandboxStats {
  /** Every request received, answered or not. */
  requests: number;
  /** Requests per route pattern, e.g. `POST /crm/v3/objects/:objectType/batch/update`. */
  byRoute: Record<string, number>;
  /** Requests refused with a real (not injected) 429. */
  rateLimited: number;
  /** Requests answered with an injected 429, 5xx or timeout. */
  faultsInjected: number;
  /** Records created, updated or archived over the wire (one per record, not per request). */
  writes: number;
}

export function emptyStats(): SandboxStats {
  return { requests: 0, byRoute: {}, rateLimited: 0, faultsInjected: 0, writes: 0 };
}
