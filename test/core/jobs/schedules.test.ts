import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { scheduleAllConnections, scheduleId } from '../../../core/jobs/connection-schedules.js';
import { RUN_QUEUE } from '../../../core/jobs/queue-names.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { obliterateQueues, uniquePrefix } from './queue-fixtures.js';

const redisUrl = redisUrlOrWarn('connection schedules');

if (redisUrl) {
  describe('connection schedules', () => {
    const prefix = uniquePrefix();
    let store: Store;

    before(async () => {
      store = await openStore({ sqlitePath: ':memory:' });
      for (const id of ['portal-a', 'portal-b', 'portal-c']) {
        await store.connections.upsert({ id, crm: 'hubspot', label: id, settings: {} });
      }
    });

    after(async () => {
      await store.close();
      await obliterateQueues(redisUrl, prefix);
    });

    it('five worker restarts leave one schedule per connection, with the latest interval', async () => {
      for (let restart = 1; restart <= 5; restart += 1) {
        // Each restart is a new process: new connections to Redis, the same store.
        const queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
        await scheduleAllConnections(queues, store, { everyMinutes: 10 + restart });
        await queues.close();
      }

      const queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
      const schedulers = await queues.queue(RUN_QUEUE).getJobSchedulers();
      await queues.close();
      assert.deepEqual(schedulers.map((s) => s.key).sort(), [
        scheduleId('portal-a'),
        scheduleId('portal-b'),
        scheduleId('portal-c'),
      ]);
      assert.ok(schedulers.every((s) => s.every === 15 * 60_000));
    });
  });
}
