import { Queue, QueueEvents } from 'bullmq';
import type { ConnectionOptions } from 'bullmq';

import { createLogger } from '../logging/logger.js';
import { RepeatedErrors } from '../logging/repeated-errors.js';
import { assertRedisReachable, REDIS_CONNECT_TIMEOUT_MS } from './redis-reachable.js';

const logger = createLogger('queue.client');
// A Redis outage fails every connection several times a second: logged every 10 s.
const repeated = new RepeatedErrors(logger);

/** Where a set of queues lives: one Redis and one key prefix. */
export interface QueueLocation {
  connection: ConnectionOptions;
  prefix: string;
  /** How long `ready()` waits for Redis; default REDIS_CONNECT_TIMEOUT_MS. */
  readyTimeoutMs?: number;
}

/**
 * The queues and their event streams a process talks to, opened on first use and closed
 * together. Queue events are needed to wait for a job and to follow its progress.
 */
export class QueueSet {
  private readonly queues = new Map<string, Queue>();
  private readonly events = new Map<string, Promise<QueueEvents>>();
  private reachable: Promise<void> | undefined;

  constructor(readonly location: QueueLocation) {}

  /**
   * Resolves once Redis answers, or throws `redis_unreachable` after a few seconds; checked once
   * per set. One-shot commands call it first, since the queues themselves wait for Redis
   * forever. Connection options without a `url` (a client passed in) are not checked.
   */
  ready(): Promise<void> {
    const { connection, readyTimeoutMs } = this.location;
    const url = 'url' in connection && typeof connection.url === 'string' ? connection.url : null;
    if (url === null) return Promise.resolve();
    this.reachable ??= assertRedisReachable(url, readyTimeoutMs ?? REDIS_CONNECT_TIMEOUT_MS);
    return this.reachable;
  }

  queue(name: string): Queue {
    const known = this.queues.get(name);
    if (known) return known;
    const queue = new Queue(name, this.location);
    queue.on('error', (err) => repeated.error(name, err, { queue: name }, 'queue error'));
    this.queues.set(name, queue);
    return queue;
  }

  /** The queue's event stream, subscribed before the promise resolves. */
  queueEvents(name: string): Promise<QueueEvents> {
    const known = this.events.get(name);
    if (known) return known;
    const events = new QueueEvents(name, this.location);
    events.on('error', (err) =>
      repeated.error(`${name} events`, err, { queue: name }, 'queue events error'),
    );
    const ready = events.waitUntilReady().then(() => events);
    this.events.set(name, ready);
    return ready;
  }

  async close(): Promise<void> {
    const events = await Promise.allSettled(this.events.values());
    for (const result of events) {
      if (result.status === 'fulfilled') await result.value.close();
    }
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.events.clear();
    this.queues.clear();
  }
}
