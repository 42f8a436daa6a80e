/** Request counters a test or the demo can read while the sandbox runs. */
export interface SalesforceSandboxStats {
  /** Every request received, answered or not. */
  requests: number;
  /** Requests per route pattern, e.g. `PATCH /services/data/vXX.X/composite/sobjects`. */
  byRoute: Record<string, number>;
  /** Requests counted against the daily API allowance (what `api-usage` reports). */
  apiUsage: number;
  /** Requests refused with REQUEST_LIMIT_EXCEEDED. */
  limitExceeded: number;
  /** Requests answered with an injected 500/503 or a hang. */
  faultsInjected: number;
  /** Records created, updated or deleted over the wire (one per record, not per request). */
  writes: number;
}

export function emptyStats(): SalesforceSandboxStats {
  return { requests: 0, byRoute: {}, apiUsage: 0, limitExceeded: 0, faultsInjected: 0, writes: 0 };
}
