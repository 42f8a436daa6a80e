import type { RequestHandler } from 'express';
import { DailyBudget } from '../../sandbox-kit/rolling-window.js';
import type { SalesforceSandboxStats } from './sandbox-stats.js';

/** The org's daily API allowance and what it has used, for `/limits`. */
export interface ApiUsage {
  readonly max: number;
  used(): number;
}

/**
 * Counts every authenticated call against the rolling daily allowance, reports it in
 * `Sforce-Limit-Info: api-usage=N/MAX` on each response, and refuses calls past it with 403
 * REQUEST_LIMIT_EXCEEDED (Salesforce's answer; refused calls are not counted).
 */
export function apiUsageMiddleware(
  dailyLimit: number,
  stats: SalesforceSandboxStats,
): { middleware: RequestHandler; usage: ApiUsage } {
  const budget = new DailyBudget(dailyLimit);
  const usage: ApiUsage = { max: dailyLimit, used: () => stats.apiUsage };

  const middleware: RequestHandler = (_request, response, next) => {
    const decision = budget.take(Date.now());
    if (decision.allowed) stats.apiUsage = dailyLimit - decision.remaining;
    response.set('Sforce-Limit-Info', `api-usage=${stats.apiUsage}/${dailyLimit}`);
    if (decision.allowed) {
      next();
      return;
    }
    stats.limitExceeded += 1;
    response
      .status(403)
      .json([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
  };
  return { middleware, usage };
}
