import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { RUN_QUEUE } from '../../../core/jobs/queue-names.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import { enqueueRun, waitForRun } from '../../../core/jobs/run-client.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { obliterateQueues, uniquePrefix } from './queue-fixtures.js';

const redisUrl = redisUrlOrWarn('waiting for a run Redis lost');

if (redisUrl) {
  describe('waiting for a queued run that Redis lost', () => {
    const prefix = uniquePrefix();
    const queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });

    after(async () => {
      await queues.close();
      await obliterateQueues(redisUrl, prefix);
    });

    it('ends with job_lost instead of waiting for an event that never comes', async () => {
      // No worker: the run waits in the queue, then goes as if Redis had restarted empty.
      const runId = await enqueueRun(queues, { connectionId: 'nobody' });
      const waiting = waitForRun(queues, runId);
      waiting.catch(() => undefined);
      // Once the client has found the job and waits for its end.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await (await queues.queue(RUN_QUEUE).getJob(runId))?.remove();

      await assert.rejects(waiting, (error) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'job_lost');
        assert.match(error.message, new RegExp(runId));
        return true;
      });
    });
  });
}
