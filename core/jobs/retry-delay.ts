/**
 * The wait before retry number `attempt` (1 = the first retry): doubles each time, times a
 * jitter factor in [0.5, 1.5) so workers that failed together do not retry together.
 */
export function retryDelay(attempt: number, baseDelayMs: number, random = Math.random): number {
  return Math.round(baseDelayMs * 2 ** (attempt - 1) * (0.5 + random()));
}
