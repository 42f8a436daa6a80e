import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';

import { loadConfig } from '../../../core/config/index.js';
import { nextScheduledRuns } from '../../../core/jobs/connection-schedules.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { runOnQueue } from '../../../core/jobs/queued-run.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import { assertRedisReachable } from '../../../core/jobs/redis-reachable.js';
import { loadEncryptionKeyring } from '../../../core/security/encryption-keyring.js';
import { openStore } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { freePort } from '../../helpers/redis-server.js';

describe('one-shot commands fail fast when Redis cannot be reached', () => {
  let refusedUrl = '';
  let silent: Server;
  let silentUrl = '';
  const sockets: Socket[] = [];

  before(async () => {
    refusedUrl = `redis://ops:hunter2@127.0.0.1:${await freePort()}`;
    // Accepts the connection and never answers: a firewall or a wrong service on the port.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    silentUrl = `redis://127.0.0.1:${address.port}`;
  });

  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('a refused port gives redis_unreachable with the reason and no password', async () => {
    const started = Date.now();

    await assert.rejects(assertRedisReachable(refusedUrl, 400), (error: Error) => {
      assert.equal((error as { code?: string }).code, 'redis_unreachable');
      assert.match(error.message, /^Redis at REDIS_URL redis:\/\/ops:\*\*\*@127\.0\.0\.1:\d+/);
      assert.match(error.message, /connection refused/);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
    assert.ok(Date.now() - started < 1_500, `took ${Date.now() - started} ms`);
  });

  it('a server that never answers is given up on after the timeout', async () => {
    const started = Date.now();

    await assert.rejects(assertRedisReachable(silentUrl, 300), {
      code: 'redis_unreachable',
      message: /no answer within 300 ms/,
    });
    assert.ok(Date.now() - started < 1_500, `took ${Date.now() - started} ms`);
  });

  const sharedRedis = redisUrlOrWarn('one-shot commands and Redis: the reachable case');
  it('a running Redis passes, and a queue set on it is ready', { skip: !sharedRedis }, async () => {
    const url = sharedRedis ?? '';
    await assertRedisReachable(url, 1_000);
    const prefix = `reach-${randomBytes(4).toString('hex')}`;
    const queues = new QueueSet({ connection: redisConnection(url), prefix });
    try {
      await queues.ready();
      assert.deepEqual([...(await nextScheduledRuns(queues))], []);
    } finally {
      await queues.close();
    }
  });

  it('status: reading the schedules fails instead of waiting, and the set still closes', async () => {
    const connection = redisConnection(refusedUrl);
    const queues = new QueueSet({ connection, prefix: 'reach', readyTimeoutMs: 300 });

    await assert.rejects(nextScheduledRuns(queues), { code: 'redis_unreachable' });
    await queues.close();
  });

  it('run: a queued run fails before its connection is stored', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    const key = randomBytes(32).toString('base64');
    const keyring = loadEncryptionKeyring({ CRM_ML_ENCRYPTION_KEY: key });
    try {
      const run = runOnQueue(loadConfig({}), store, {
        redisUrl: refusedUrl,
        connectionId: 'hubspot-1',
        crm: { crm: 'hubspot', label: 'HubSpot', settings: { accessToken: 't' } },
        plugins: { churn: {} },
        ...(keyring === undefined ? {} : { keyring }),
        forceTrain: false,
        wait: true,
        redisTimeoutMs: 300,
      });

      await assert.rejects(run, { code: 'redis_unreachable' });
      assert.deepEqual(await store.connections.list(), []);
    } finally {
      await store.close();
    }
  });
});
