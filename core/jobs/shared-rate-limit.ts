import { Redis } from 'ioredis';

/** A CRM's request budget: `max` calls per rolling `intervalMs`. */
export interface RateBudget {
  max: number;
  intervalMs: number;
}

// Token bucket refilled continuously at max/interval per ms, clocked by Redis so workers on
// different hosts agree. Returns 0 when a token was taken, else the ms until one is due.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local max = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or max
local at = tonumber(state[2]) or now
tokens = math.min(max, tokens + (now - at) * max / interval)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * interval / max) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], interval * 2)
return wait
`;

// The CRM's own count is the truth: lower the bucket to what its headers say is left.
const OBSERVE = `
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens'))
local remaining = tonumber(ARGV[1])
if tokens == nil or remaining < tokens then
  redis.call('HSET', KEYS[1], 'tokens', tostring(remaining))
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
end
return 0
`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One token bucket per CRM connection in Redis, shared by every worker: ten workers writing
 * to one HubSpot portal together stay inside that portal's quota instead of ten times it.
 */
export class SharedRateLimit {
  private readonly redis: Redis;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly budget: (connectionId: string) => RateBudget,
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  }

  /** Waits until the connection's bucket has a token and takes it; returns the ms waited. */
  async take(connectionId: string): Promise<number> {
    const { max, intervalMs } = this.budget(connectionId);
    let waited = 0;
    for (;;) {
      const wait = Number(await this.redis.eval(TAKE, 1, this.key(connectionId), max, intervalMs));
      if (wait <= 0) return waited;
      await sleep(wait);
      waited += wait;
    }
  }

  /** Lowers the bucket to the calls the CRM reports left in its window. */
  async observe(connectionId: string, remaining: number, intervalMs: number): Promise<void> {
    await this.redis.eval(OBSERVE, 1, this.key(connectionId), remaining, intervalMs);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  private key(connectionId: string): string {
    return `${this.prefix}:rate:${connectionId}`;
  }
}
