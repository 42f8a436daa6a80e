import { Redis } from 'ioredis';

import { CrmMlError } from '../errors/crm-ml-error.js';
import { connectionFailureReason, redactUrlPassword } from '../store/store-unavailable.js';

/** How long a one-shot command waits for Redis before it gives up. */
export const REDIS_CONNECT_TIMEOUT_MS = 3_000;

const RETRY_EVERY_MS = 250;

/**
 * Waits up to `timeoutMs` for the Redis at `url` to answer PING, retrying the connection
 * meanwhile, and throws `redis_unreachable` (the URL without its password, and the socket's
 * reason) when it does not. One-shot commands call this before they touch a queue: queue
 * connections retry forever, which a worker needs to outlive a Redis restart but which leaves
 * a CLI command hanging without a word.
 */
export async function assertRedisReachable(
  url: string,
  timeoutMs = REDIS_CONNECT_TIMEOUT_MS,
): Promise<void> {
  const started = Date.now();
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => (Date.now() - started < timeoutMs ? RETRY_EVERY_MS : null),
  });
  // The first socket error is the useful reason: `connect` rejects with "Connection is closed".
  let socketError: unknown = null;
  redis.on('error', (error: unknown) => {
    socketError ??= error;
  });

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([pingOnceReady(redis), deadline]);
  } catch (error) {
    throw redisUnreachable(url, socketError ?? error);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

// `connect()` rejects at the first refused attempt; 'ready' also covers a retry that succeeds.
async function pingOnceReady(redis: Redis): Promise<void> {
  const ready = new Promise<void>((resolve, reject) => {
    redis.once('ready', () => resolve());
    redis.once('end', () => reject(new Error('Connection is closed.')));
  });
  redis.connect().catch(() => undefined);
  await ready;
  await redis.ping();
}

/** The `redis_unreachable` error for `url`, safe to print. */
export function redisUnreachable(url: string, error: unknown): CrmMlError {
  const where = redactUrlPassword(url);
  return new CrmMlError(
    'redis_unreachable',
    `Redis at REDIS_URL ${where}: ${connectionFailureReason(error)}; ` +
      'start Redis, fix REDIS_URL, or unset it to run jobs in-process',
    { cause: error, retryable: true, details: [{ path: 'REDIS_URL', message: where }] },
  );
}
