import type { Queue } from 'bullmq';

import { CrmMlError } from '../errors/crm-ml-error.js';

// How often a waited-for job is looked for: Redis restarted without persistence loses it, and
// its completion event with it, so waiting for the event alone would never end.
const LOST_CHECK_MS = 2_000;

/** How long `whenLost` keeps looking while Redis does not answer. */
export interface LostWatchOptions {
  /** Gives up with `redis_unreachable` once Redis has not answered this long; never if absent. */
  giveUpAfterMs?: number;
}

/**
 * Rejects with a retryable `job_lost` once job `id` is gone from Redis; stops on `stop`.
 * Workers wait through a Redis outage; a command waiting for a person can give up.
 */
export async function whenLost(
  queue: Queue,
  id: string,
  stop: AbortController,
  options: LostWatchOptions = {},
): Promise<never> {
  let silentSince: number | null = null;
  while (!stop.signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, LOST_CHECK_MS).unref());
    if (stop.signal.aborted) break;
    const state = await queue.getJobState(id).catch(() => 'unreachable');
    if (state === 'unknown') {
      throw new CrmMlError('job_lost', `Job ${id} is gone from Redis (restarted or evicted)`, {
        retryable: true,
      });
    }

    silentSince = state === 'unreachable' ? (silentSince ?? Date.now()) : null;
    const limit = options.giveUpAfterMs ?? Infinity;
    if (silentSince !== null && Date.now() - silentSince >= limit) {
      const seconds = Math.round(limit / 1000);
      throw new CrmMlError('redis_unreachable', `Redis has not answered for ${seconds} s`, {
        retryable: true,
      });
    }
  }
  return new Promise<never>(() => undefined);
}
