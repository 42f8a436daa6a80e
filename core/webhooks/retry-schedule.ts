const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delay before each retry, after the first attempt fails: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
 * 14 h, so eight attempts span about 31.5 hours. The first retries catch a blip or a deploy;
 * the long tail outlasts an outage of a subscriber's whole working day.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
];

/** The most a `Retry-After` may postpone an attempt: a subscriber cannot park us for weeks. */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/** The delay before the next attempt after `attempts` failed ones, or null when none is left. */
export function retryDelayMs(attempts: number): number | null {
  return RETRY_DELAYS_MS[attempts - 1] ?? null;
}

/**
 * A `Retry-After` header as a delay from `now`: delta-seconds or an HTTP date (RFC 9110).
 * Null when absent or unreadable; capped at a day.
 */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null || header.trim() === '') return null;

  const text = header.trim();
  const delay = /^\d+$/.test(text) ? Number(text) * SECOND : Date.parse(text) - now.getTime();
  if (Number.isNaN(delay)) return null;
  return Math.min(Math.max(delay, 0), MAX_RETRY_AFTER_MS);
}
