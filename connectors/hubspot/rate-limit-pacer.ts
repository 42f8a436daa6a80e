import type { Sleep } from '../shared/backoff.js';
import { hubspotDescriptor } from './hubspot-descriptor.js';

export type { Sleep } from '../shared/backoff.js';

// Leave one call of the window for other clients of the same portal (webhook handlers, UIs).
const RESERVED_CALLS = 1;

/**
 * Paces calls from HubSpot's live rate-limit headers so the connector waits for the window to
 * free instead of running into a 429. Search answers carry no such headers and have their own
 * per-token limit (5 requests/s), so search calls are spaced by time instead.
 */
export class RateLimitPacer {
  private remaining: number | null = null;
  private intervalMs = 10_000;
  private observedAt = 0;
  private lastSearchAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly sleep: Sleep,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the window state a response reports; responses without the headers change nothing. */
  observe(headers: Readonly<Record<string, string>>): void {
    const names = hubspotDescriptor.rateLimitHeaders;
    const remaining = toNumber(headers[names.remaining]);
    if (remaining === null) return;

    this.remaining = remaining;
    this.intervalMs = toNumber(headers[names.intervalMs]) ?? this.intervalMs;
    this.observedAt = this.now();
  }

  /** HubSpot said when to come back (Retry-After); that wait replaces the header estimate. */
  forgetWindow(): void {
    this.remaining = null;
  }

  /** Waits until the window has room; returns how long it waited. */
  async beforeCall(search: boolean): Promise<number> {
    let waited = 0;
    if (this.remaining !== null && this.remaining <= RESERVED_CALLS) {
      // The window is rolling: after one full interval every call counted in it has expired.
      const wait = this.observedAt + this.intervalMs - this.now();
      this.remaining = null;
      if (wait > 0) {
        await this.sleep(wait);
        waited += wait;
      }
    }

    if (search) {
      const spacing = 1000 / hubspotDescriptor.searchRequestsPerSecond;
      const wait = this.lastSearchAt + spacing - this.now();
      if (wait > 0) {
        await this.sleep(wait);
        waited += wait;
      }
      this.lastSearchAt = this.now();
    }
    return waited;
  }
}

function toNumber(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
