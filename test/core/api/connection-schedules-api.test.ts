import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { createApiStack } from '../../../core/api/create-api-stack.js';
import type { ApiServer } from '../../../core/api/start-api-server.js';
import { nextScheduledRuns, scheduleId } from '../../../core/jobs/connection-schedules.js';
import { RUN_QUEUE } from '../../../core/jobs/queue-names.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import {
  createKeyring,
  encryptionKeyFromBytes,
} from '../../../core/security/encryption-keyring.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { obliterateQueues, uniquePrefix } from '../jobs/queue-fixtures.js';
import { createKey } from './api-harness.js';

const redisUrl = redisUrlOrWarn('schedules of API connections');

if (redisUrl) {
  describe('a connection created through the API is scheduled at once', () => {
    const prefix = uniquePrefix();
    let store: Store;
    let api: ApiServer;
    let queues: QueueSet;
    let key: string;

    before(async () => {
      store = await openStore({ sqlitePath: ':memory:' });
      api = await createApiStack({
        store,
        keyring: createKeyring([encryptionKeyFromBytes(randomBytes(32))]),
        seed: 3,
        listen: { port: 0 },
        // The CRM is a sandbox on 127.0.0.1.
        allowPrivateCrmUrls: true,
        queue: { redisUrl, prefix, scheduleMinutes: 7 },
      });
      queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
      key = await createKey(store, 'acme', 'admin');
    });

    after(async () => {
      await api.close();
      await queues.close();
      await obliterateQueues(redisUrl, prefix);
      await store.close();
    });

    const call = (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${api.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });

    it('gets its schedule when created and loses it when deleted, with no worker restart', async () => {
      const created = await call('/v1/connections', {
        method: 'POST',
        body: JSON.stringify({
          crm: 'hubspot',
          label: 'Acme',
          credentials: { accessToken: 'token', basePath: 'http://127.0.0.1:9' },
          plugins: {},
        }),
      });
      assert.equal(created.status, 201, await created.clone().text());
      const { id } = (await created.json()) as { id: string };

      const schedulers = await queues.queue(RUN_QUEUE).getJobSchedulers();
      assert.deepEqual(
        schedulers.map((s) => [s.key, s.every]),
        [[scheduleId(id), 7 * 60_000]],
      );
      assert.ok((await nextScheduledRuns(queues)).get(id), 'a next run is due');

      const deleted = await call(`/v1/connections/${id}`, { method: 'DELETE' });
      assert.equal(deleted.status, 204);
      assert.deepEqual(await queues.queue(RUN_QUEUE).getJobSchedulers(), []);
    });
  });
}
