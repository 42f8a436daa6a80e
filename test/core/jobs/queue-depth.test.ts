import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { WEBHOOK_QUEUE } from '../../../core/jobs/queue-names.js';
import { queueDepth } from '../../../core/jobs/queue-depth.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import { createStageWorker } from '../../../core/jobs/stage-worker.js';
import { scheduleWebhookDelivery } from '../../../core/jobs/webhook-workers.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { until } from '../../helpers/until.js';
import { obliterateQueues, uniquePrefix } from './queue-fixtures.js';

const redisUrl = redisUrlOrWarn('queue depth with schedules');

if (redisUrl) {
  describe('queue depth', () => {
    const prefix = uniquePrefix();
    const queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });

    after(async () => {
      await queues.close();
      await obliterateQueues(redisUrl, prefix);
    });

    it('counts the webhook delivery tick as a schedule, not as a delayed job, and keeps no done tick', async () => {
      // The first tick is due at once; once a worker has done it, the next waits a minute.
      await scheduleWebhookDelivery(queues, 60_000);
      const queue = queues.queue(WEBHOOK_QUEUE);
      const worker = createStageWorker(WEBHOOK_QUEUE, async () => ({}), queues.location);
      try {
        await until(async () => (await queue.getJobCounts('delayed'))['delayed'] === 1);
      } finally {
        await worker.close();
      }
      await queue.add('retry-later', {}, { delay: 60_000 });

      const { depth, schedules } = await queueDepth(queue);
      assert.equal((await queue.getJobCounts('delayed'))['delayed'], 2, 'tick and job in Redis');
      assert.deepEqual(depth, { waiting: 0, active: 0, delayed: 1, failed: 0 });
      assert.equal((await queue.getJobCounts('completed'))['completed'], 0, 'done ticks not kept');
      assert.deepEqual(
        schedules.map((schedule) => [schedule.id, schedule.every_ms]),
        [['webhook-delivery', 60_000]],
      );
      assert.ok(Number.isFinite(Date.parse(schedules[0]?.next_at ?? '')), 'next tick time');
    });
  });
}
