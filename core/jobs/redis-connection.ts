import type { ConnectionOptions } from 'bullmq';

/**
 * BullMQ connection options for a `redis://` URL. Workers need `maxRetriesPerRequest: null`
 * so a blocking read survives a Redis restart instead of failing after 20 retries; the
 * retry strategy caps reconnect waits at 2 s so a restarted Redis is picked up quickly.
 */
export function redisConnection(url: string): ConnectionOptions {
  return {
    url,
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(100 * times, 2_000),
  };
}
