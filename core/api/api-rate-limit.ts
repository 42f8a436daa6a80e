import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

import type { Caller } from './authenticate.js';
import { sendError } from './api-error-handler.js';

/** Requests per key (or per client address, for routes without a key) in each window. */
export interface RateLimitOptions {
  windowMs: number;
  limit: number;
}

/** Default: 600 requests a minute per key, ten a second, plenty for integrations and the UI. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { windowMs: 60_000, limit: 600 };

/**
 * Limits each API key separately (in memory, per process). It runs after authentication, so a
 * key is counted by its id; calls without a key are counted by client address.
 */
export function apiRateLimit(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const caller = res.locals['caller'] as Caller | undefined;
      return caller ? `key:${caller.keyId}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res) => {
      sendError(res, 'rate_limited', 'too many requests for this API key; retry later');
    },
  });
}
