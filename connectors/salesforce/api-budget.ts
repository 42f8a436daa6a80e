import { CrmMlError } from '../../core/errors/crm-ml-error.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long a stopped sync waits. Salesforce counts over a rolling 24 hours and says nothing of
 * when calls leave the window; an hour frees about 1/24 of the day's calls.
 */
export const BUDGET_PAUSE_MS = 60 * 60 * 1000;

/** The org's daily API usage as the last response reported it. */
export interface ApiUsage {
  used: number;
  limit: number;
}

/**
 * Keeps the connector inside a share of the org's daily API allowance. Every REST response
 * carries `Sforce-Limit-Info: api-usage=N/MAX` (the org-wide count for the rolling 24 hours);
 * other integrations share that allowance, so the connector stops early instead of using it up.
 */
export class ApiBudget {
  private usage: ApiUsage | null = null;

  constructor(
    private readonly share: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the usage from a response's headers; responses without it change nothing. */
  observe(headers: Readonly<Record<string, string>>, headerName: string): void {
    const usage = parseLimitInfo(headers[headerName]);
    if (usage !== null) this.usage = usage;
  }

  /** The last usage seen, or null before the first response. */
  current(): ApiUsage | null {
    return this.usage;
  }

  /**
   * The share crm-ml may use as a request window: Salesforce counts over a rolling 24 hours,
   * so queue workers sharing one org's budget can follow the org's own count.
   */
  window(): { remaining: number; max: number; intervalMs: number } | undefined {
    const usage = this.usage;
    if (usage === null || usage.limit <= 0) return undefined;
    const max = Math.floor(usage.limit * this.share);
    return { remaining: Math.max(0, max - usage.used), max, intervalMs: DAY_MS };
  }

  /** Throws a retryable pause (with `resumeAt`) once the next call would pass the share. */
  check(endpoint: string): void {
    const usage = this.usage;
    if (usage === null || usage.limit <= 0) return;

    const allowed = Math.floor(usage.limit * this.share);
    if (usage.used < allowed) return;
    const resumeAt = new Date(this.now() + BUDGET_PAUSE_MS).toISOString();
    throw new CrmMlError(
      'salesforce_api_budget_reached',
      `Stopped before Salesforce ${endpoint}: the org has used ${usage.used} of its ` +
        `${usage.limit} daily API calls and crm-ml may use up to ${Math.round(this.share * 100)}%` +
        ' of them. The count falls as calls leave the rolling 24-hour window; resuming after ' +
        `${resumeAt}.`,
      {
        retryable: true,
        resumeAt,
        details: [{ path: 'api-usage', message: `${usage.used}/${usage.limit}` }],
      },
    );
  }
}

/** `api-usage=25/5000; per-app-api-usage=17/250(appName=x)` → { used: 25, limit: 5000 }. */
export function parseLimitInfo(value: string | undefined): ApiUsage | null {
  if (value === undefined) return null;
  for (const part of value.split(';')) {
    const [name, figures] = part.trim().split('=');
    if (name !== 'api-usage' || figures === undefined) continue;

    const [used, limit] = figures.split('/').map((figure) => Number(figure.trim()));
    if (used === undefined || limit === undefined) return null;
    if (!Number.isFinite(used) || !Number.isFinite(limit)) return null;
    return { used, limit };
  }
  return null;
}
