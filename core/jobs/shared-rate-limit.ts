import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';

import { createLogger } from '../logging/logger.js';
import { RepeatedErrors } from '../logging/repeated-errors.js';

const repeated = new RepeatedErrors(createLogger('queue.rate-limit'));

/** A CRM's request budget: `max` calls per rolling `intervalMs`. */
export interface RateBudget {
  max: number;
  intervalMs: number;
}

/** How the shared budget is sized when the CRM has not reported its window yet. */
export interface SharedRateLimitOptions {
  /** Used when neither the CRM's headers nor its descriptor give a window; 100 per 10 s. */
  fallback?: RateBudget;
  /** An upper bound set by the operator (`--rate-budget`); the CRM's figure wins when lower. */
  cap?: RateBudget;
  /** Calls of each window left to other clients of the account; default 5 % of the window. */
  reserveShare?: number;
}

// A rolling log of call times per connection (a sorted set, clocked by Redis so workers on
// different hosts agree), plus the window the CRM last reported and the calls of other clients
// that report implies. A call may go while ours + others stay under max minus the reserve;
// otherwise the answer is the ms until enough of them have left the window.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[2], 'max', 'interval', 'others', 'othersUntil')
local max = tonumber(state[1]) or tonumber(ARGV[1])
local interval = tonumber(state[2]) or tonumber(ARGV[2])
if tonumber(ARGV[3]) > 0 then max = math.min(max, tonumber(ARGV[3])) end
local allowed = math.max(1, math.floor(max * (1 - tonumber(ARGV[4]))))
local others = 0
local othersUntil = tonumber(state[4]) or 0
if othersUntil > now then others = tonumber(state[3]) or 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - interval)
local ours = redis.call('ZCARD', KEYS[1])
local excess = ours + others + 1 - allowed
if excess <= 0 then
  redis.call('ZADD', KEYS[1], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[1], interval * 2)
  return 0
end
local leaving = {}
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 2, #entries, 2 do table.insert(leaving, tonumber(entries[i]) + interval) end
for i = 1, others do table.insert(leaving, othersUntil) end
table.sort(leaving)
local free = leaving[excess] or (now + interval)
return math.max(1, free - now)
`;

// The CRM's own count is the truth: remember its window, and count as other clients' calls
// whatever it has used beyond the calls in our log.
const OBSERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local remaining = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - interval)
local ours = redis.call('ZCARD', KEYS[1])
local others = math.max(0, max - remaining - ours)
redis.call('HSET', KEYS[2], 'max', max, 'interval', interval, 'others', others,
  'othersUntil', now + interval, 'remaining', remaining, 'at', now)
redis.call('PEXPIRE', KEYS[2], math.max(interval * 2, 86400000))
return others
`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const DEFAULT_FALLBACK: RateBudget = { max: 100, intervalMs: 10_000 };
const DEFAULT_RESERVE_SHARE = 0.05;

/**
 * One rolling request window per CRM connection in Redis, shared by every worker: ten workers
 * writing to one HubSpot portal together stay inside that portal's limit instead of ten times
 * it. The window is the one the CRM last reported in its rate headers (`observe`), else the
 * connector's documented one, else `fallback`; an operator's `cap` bounds it.
 */
export class SharedRateLimit {
  private readonly redis: Redis;
  private readonly fallback: RateBudget;
  private readonly reserveShare: number;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly options: SharedRateLimitOptions = {},
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    // Without a listener ioredis prints every failed reconnect to stderr itself.
    this.redis.on('error', (err) => repeated.error(prefix, err, { prefix }, 'rate budget error'));
    this.fallback = options.fallback ?? DEFAULT_FALLBACK;
    this.reserveShare = options.reserveShare ?? DEFAULT_RESERVE_SHARE;
  }

  /**
   * Waits until the connection's window has room and takes a call of it; returns the ms
   * waited. `documented` is the CRM's published window, used until it reports its own.
   */
  async take(connectionId: string, documented?: RateBudget): Promise<number> {
    const { max, intervalMs } = documented ?? this.fallback;
    const cap = this.options.cap;
    const capMax = cap === undefined ? 0 : (cap.max * intervalMs) / cap.intervalMs;
    const member = randomUUID();
    let waited = 0;
    for (;;) {
      const wait = Number(
        await this.redis.eval(
          TAKE,
          2,
          this.logKey(connectionId),
          this.windowKey(connectionId),
          max,
          intervalMs,
          capMax,
          this.reserveShare,
          member,
        ),
      );
      if (wait <= 0) return waited;
      await sleep(wait);
      waited += wait;
    }
  }

  /** Follows the window the CRM reported: `remaining` of `max` calls per `intervalMs`. */
  async observe(connectionId: string, window: RateBudget & { remaining: number }): Promise<void> {
    const { remaining, max, intervalMs } = window;
    await this.redis.eval(
      OBSERVE,
      2,
      this.logKey(connectionId),
      this.windowKey(connectionId),
      remaining,
      max,
      intervalMs,
    );
  }

  /** The window the CRM last reported for `connectionId`, as stored in Redis. */
  async reported(connectionId: string): Promise<(RateBudget & { remaining: number }) | null> {
    const [max, interval, remaining] = await this.redis.hmget(
      this.windowKey(connectionId),
      'max',
      'interval',
      'remaining',
    );
    if (max === null || interval === null || remaining === null) return null;
    return { max: Number(max), intervalMs: Number(interval), remaining: Number(remaining) };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  private logKey(connectionId: string): string {
    return `${this.prefix}:rate:${connectionId}:calls`;
  }

  private windowKey(connectionId: string): string {
    return `${this.prefix}:rate:${connectionId}:window`;
  }
}
