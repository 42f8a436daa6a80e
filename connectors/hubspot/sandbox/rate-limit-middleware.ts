import type { RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DailyBudget, RollingWindow, type SlotDecision } from '../../sandbox-kit/rolling-window.js';
import type { SandboxStats } from './sandbox-stats.js';

export interface RateLimitSettings {
  rateLimit: { max: number; intervalMs: number };
  searchPerSecond: number;
  dailyLimit: number;
  /** Whether 429s carry Retry-After (HubSpot does not always send it). */
  retryAfter: boolean;
}

const SEARCH_PATH = /^\/crm\/v3\/objects\/[^/]+\/search\/?$/;

function retryAfterSeconds(decision: SlotDecision): string {
  return String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
}

/**
 * HubSpot's 429 body (no `category`, unlike other errors). The official client retries only
 * when `policyName` is TEN_SECONDLY_ROLLING or the message is the secondly one.
 */
export function rateLimitBody(policyName: string, message: string, groupName: string): object {
  return {
    status: 'error',
    message,
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName,
    groupName,
  };
}

/** The ten-secondly 429 body, shared with fault injection. */
export function tenSecondlyBody(): object {
  return rateLimitBody(
    'TEN_SECONDLY_ROLLING',
    'You have reached your ten_secondly_rolling limit.',
    'publicapi:ten-secondly-rolling',
  );
}

/**
 * HubSpot's limits: a rolling window and a daily budget for every CRM call, reported in
 * X-HubSpot-RateLimit-* headers, and a separate per-second limit for search, whose responses
 * carry none of those headers (as HubSpot documents). OAuth token calls are not limited.
 */
export function rateLimitMiddleware(
  settings: RateLimitSettings,
  stats: SandboxStats,
): RequestHandler {
  const window = new RollingWindow(settings.rateLimit.max, settings.rateLimit.intervalMs);
  const search = new RollingWindow(settings.searchPerSecond, 1000);
  const daily = new DailyBudget(settings.dailyLimit);

  const refuse = (response: Response, decision: SlotDecision, body: object): void => {
    stats.rateLimited += 1;
    if (settings.retryAfter) response.set('Retry-After', retryAfterSeconds(decision));
    response.status(429).json(body);
  };

  return (request, response, next) => {
    const now = Date.now();
    if (request.method === 'POST' && SEARCH_PATH.test(request.path)) {
      const decision = search.take(now);
      if (decision.allowed) next();
      else
        refuse(
          response,
          decision,
          rateLimitBody(
            'SECONDLY',
            'You have reached your secondly limit.',
            'publicapi:crm-search',
          ),
        );
      return;
    }

    const day = daily.take(now);
    const slot = day.allowed ? window.take(now) : { allowed: false, remaining: 0, retryAfterMs: 0 };
    response.set({
      'X-HubSpot-RateLimit-Max': String(window.max),
      'X-HubSpot-RateLimit-Remaining': String(slot.remaining),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(window.intervalMs),
      'X-HubSpot-RateLimit-Daily': String(daily.limit),
      'X-HubSpot-RateLimit-Daily-Remaining': String(day.remaining),
    });

    if (!day.allowed) {
      refuse(
        response,
        day,
        rateLimitBody('DAILY', 'You have reached your daily limit.', 'publicapi:daily'),
      );
    } else if (!slot.allowed) {
      refuse(response, slot, tenSecondlyBody());
    } else {
      next();
    }
  };
}
