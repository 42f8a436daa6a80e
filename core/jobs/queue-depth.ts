import type { Queue } from 'bullmq';

/** The job states `status` counts. */
export const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** A repeating job of a queue: the webhook delivery tick, a connection's scheduled run. */
export interface QueueSchedule {
  id: string;
  every_ms: number | null;
  pattern: string | null;
  next_at: string | null;
}

/** A queue's jobs by state, with its schedules apart from the jobs they wait to start. */
export interface QueueDepth {
  depth: Record<(typeof DEPTH_STATES)[number], number>;
  schedules: QueueSchedule[];
}

/**
 * Counts a queue's jobs by state. A schedule always holds its next job delayed until it is due
 * (the webhook queue's one-second delivery tick looks like a job stuck in `delayed`), so that
 * job is counted as the schedule, not in `delayed`.
 */
export async function queueDepth(queue: Queue): Promise<QueueDepth> {
  const counts = await queue.getJobCounts(...DEPTH_STATES);
  const schedulers = await queue.getJobSchedulers(0, -1, true);

  let waitingToStart = 0;
  for (const scheduler of schedulers) {
    if (scheduler.next === undefined) continue;
    // BullMQ names a schedule's next job after the schedule and the time it is due.
    const state = await queue.getJobState(`repeat:${scheduler.key}:${scheduler.next}`);
    if (state === 'delayed') waitingToStart += 1;
  }

  const depth = Object.fromEntries(
    DEPTH_STATES.map((state) => [state, counts[state] ?? 0]),
  ) as QueueDepth['depth'];
  depth.delayed = Math.max(0, depth.delayed - waitingToStart);
  const schedules = schedulers.map((scheduler) => ({
    id: scheduler.key,
    every_ms: scheduler.every ?? null,
    pattern: scheduler.pattern ?? null,
    next_at: scheduler.next === undefined ? null : new Date(scheduler.next).toISOString(),
  }));
  return { depth, schedules };
}
