import type { Sleep } from '../shared/backoff.js';
import { hubspotDescriptor } from './hubspot-descriptor.js';

export type { Sleep } from '../shared/backoff.js';

/** A rolling request window: calls left of `max` per `intervalMs`. */
export interface RateWindow {
  remaining: number;
  max: number;
  intervalMs: number;
}

// Leave one call of the window for other clients of the same portal (webhook handlers, UIs).
const RESERVED_CALLS = 1;

// HubSpot counts a search when it arrives, and arrivals jitter: calls spaced exactly by the
// limit sometimes land six in one second and cost a 429 and a second's wait. A tenth more
// spacing is cheaper than that.
const SEARCH_SPACING_FACTOR = 1.1;

/**
 * Paces calls so the connector waits for room in HubSpot's rolling window instead of running
 * into a 429. It counts its own calls (in flight, and ended ones until an interval after
 * they ended, which is no earlier than HubSpot counted them) plus the calls of other clients
 * that the last reported remaining count implies, and waits only until enough of them leave
 * the window. Safe for several concurrent calls: a slot is taken when `beforeCall` returns
 * and given back by `afterCall`. Search answers carry no headers and have their own
 * per-token limit (5 requests/s), so search calls are spaced by time instead.
 */
export class RateLimitPacer {
  private max: number | null = null;
  private intervalMs = 10_000;
  /** When our ended calls ended, oldest first, pruned once out of the window. */
  private ended: number[] = [];
  private inFlight = 0;
  /** Calls by other clients seen in the last report, held until its window has passed. */
  private others = { count: 0, until: 0 };
  private pausedUntil = 0;
  private lastSearchAt = Number.NEGATIVE_INFINITY;
  private callEnded: (() => void)[] = [];
  private reported: RateWindow | undefined;

  constructor(
    private readonly sleep: Sleep,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits until the window has room, then takes a slot; returns how long it waited. */
  async beforeCall(search: boolean): Promise<number> {
    let waited = 0;
    // A sleep may return early (tests record waits instead of sleeping): after a wait, the
    // pacer reasons as if its clock had reached the time it waited for.
    let floor = Number.NEGATIVE_INFINITY;

    for (;;) {
      const now = Math.max(this.now(), floor);
      const readyAt = this.readyAt(now, search);
      if (readyAt === null) {
        this.inFlight += 1;
        if (search) this.lastSearchAt = now;
        return waited;
      }

      if (readyAt === 'call_end') {
        await new Promise<void>((resolve) => this.callEnded.push(resolve));
        continue;
      }
      await this.sleep(readyAt - now);
      waited += readyAt - now;
      floor = readyAt;
    }
  }

  /** Gives back the slot of a call that ended, learning from its rate-limit headers if any. */
  afterCall(headers?: Readonly<Record<string, string>>): void {
    const now = this.now();
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.ended.push(now);
    if (headers !== undefined) this.observe(headers, now);

    const waiting = this.callEnded;
    this.callEnded = [];
    for (const resolve of waiting) resolve();
  }

  /** The window as HubSpot's last rate-limit headers described it; undefined before any. */
  lastReported(): RateWindow | undefined {
    return this.reported;
  }

  /** HubSpot said when to come back (Retry-After): no call leaves before then. */
  pauseFor(retryAfterMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
    // The wait replaces the estimate of other clients' calls.
    this.others = { count: 0, until: 0 };
  }

  private observe(headers: Readonly<Record<string, string>>, now: number): void {
    const names = hubspotDescriptor.rateLimitHeaders;
    const remaining = toNumber(headers[names.remaining]);
    if (remaining === null) return;

    this.intervalMs = toNumber(headers[names.intervalMs]) ?? this.intervalMs;
    const ours = this.inWindow(now).length + this.inFlight;
    this.max = toNumber(headers[names.max]) ?? this.max ?? remaining + ours;
    const others = this.max - remaining - ours;
    this.others = { count: Math.max(0, others), until: now + this.intervalMs };
    this.reported = { remaining, max: this.max, intervalMs: this.intervalMs };
  }

  /** `null` when a call may go at `now`; else when to look again, or after the next call ends. */
  private readyAt(now: number, search: boolean): number | 'call_end' | null {
    let at = this.pausedUntil;
    if (search) at = Math.max(at, this.lastSearchAt + SEARCH_SPACING_MS);

    const window = this.windowFreeAt(now);
    if (window === 'call_end') return window;
    at = Math.max(at, window);
    return at > now ? at : null;
  }

  /** The time the window has room for one more call (≤ now when it has room already). */
  private windowFreeAt(now: number): number | 'call_end' {
    if (this.max === null) return now;
    const mine = this.inWindow(now);
    const others = this.others.until > now ? this.others.count : 0;
    const excess = this.inFlight + mine.length + others + 1 - (this.max - RESERVED_CALLS);
    if (excess <= 0) return now;

    // Calls leave the window one by one; in-flight ones only enter it when they end.
    const leaving = mine.map((t) => t + this.intervalMs);
    for (let i = 0; i < others; i++) leaving.push(this.others.until);
    leaving.sort((a, b) => a - b);
    return leaving[excess - 1] ?? 'call_end';
  }

  private inWindow(now: number): number[] {
    const start = now - this.intervalMs;
    let stale = 0;
    while (stale < this.ended.length && (this.ended[stale] ?? 0) <= start) stale++;
    if (stale > 0) this.ended = this.ended.slice(stale);
    return this.ended;
  }
}

const SEARCH_SPACING_MS =
  (1000 / hubspotDescriptor.searchRequestsPerSecond) * SEARCH_SPACING_FACTOR;

function toNumber(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
