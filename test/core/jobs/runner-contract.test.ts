import { randomUUID } from 'node:crypto';

import { Queue } from 'bullmq';

import { BullmqRunner } from '../../../core/jobs/bullmq-runner.js';
import { InProcessRunner } from '../../../core/jobs/in-process-runner.js';
import { STAGE_KINDS } from '../../../core/jobs/queue-names.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { runnerContract } from './runner-contract.js';

runnerContract(
  'in-process',
  async (onProgress) => new InProcessRunner({ baseDelayMs: 5, onProgress }),
);

const redisUrl = redisUrlOrWarn('job runner contract (BullMQ)');
if (redisUrl) {
  const prefix = `crm-ml-test-${randomUUID().slice(0, 8)}`;
  runnerContract('BullMQ', async (onProgress) => {
    const runner = new BullmqRunner({ redisUrl, prefix, baseDelayMs: 5, onProgress });
    const close = runner.close.bind(runner);
    // Closing the runner also removes this run's queues from Redis.
    runner.close = async () => {
      await close();
      for (const kind of STAGE_KINDS) {
        const queue = new Queue(kind, { connection: { url: redisUrl }, prefix });
        await queue.obliterate({ force: true });
        await queue.close();
      }
    };
    return runner;
  });
}
