/** The outcome of asking a limiter for one request slot. */
export interface SlotDecision {
  allowed: boolean;
  /** Slots left in the window after this request (0 when refused). */
  remaining: number;
  /** When refused: ms until the oldest counted request leaves the window. */
  retryAfterMs: number;
}

/** A rolling-window request limiter: at most `max` requests in any `intervalMs` span. */
export class RollingWindow {
  // Request times in arrival order; `head` skips expired ones without shifting the array.
  private times: number[] = [];
  private head = 0;

  constructor(
    readonly max: number,
    readonly intervalMs: number,
  ) {}

  take(now: number): SlotDecision {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.intervalMs) {
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }

    const used = this.times.length - this.head;
    if (used >= this.max) {
      const oldest = this.times[this.head] ?? now;
      return {
        allowed: false,
        remaining: 0,
        retryAfterMs: Math.max(1, oldest + this.intervalMs - now),
      };
    }
    this.times.push(now);
    return { allowed: true, remaining: this.max - used - 1, retryAfterMs: 0 };
  }
}

/** A per-UTC-day request budget: HubSpot and Salesforce both count API calls per day. */
export class DailyBudget {
  private day = '';
  private used = 0;

  constructor(readonly limit: number) {}

  take(now: number): SlotDecision {
    const day = new Date(now).toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
    if (this.used >= this.limit) {
      const midnight = Date.parse(`${day}T00:00:00.000Z`) + 86_400_000;
      return { allowed: false, remaining: 0, retryAfterMs: midnight - now };
    }
    this.used += 1;
    return { allowed: true, remaining: this.limit - this.used, retryAfterMs: 0 };
  }
}
