/** Milliseconds to wait; injectable so tests record waits instead of sleeping. */
export type Sleep = (ms: number) => Promise<void>;

/** Waits for real: the default `Sleep` of every connector. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

const DEFAULT_BASE_MS = 500;
const DEFAULT_CAP_MS = 30_000;

/**
 * Exponential backoff for attempt 1, 2, 3… with jitter between half and the whole step, so
 * workers that failed together do not come back together.
 */
export function backoff(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? DEFAULT_BASE_MS;
  const cap = options.capMs ?? DEFAULT_CAP_MS;
  const random = options.random ?? Math.random;
  const step = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return step / 2 + random() * (step / 2);
}
