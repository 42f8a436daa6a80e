import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { stageProcessor, type StageJob } from '../../../core/jobs/stage-processor.js';

const redisUrl = process.env['REDIS_URL'];
if (!redisUrl) console.warn('REDIS_URL is not set: the BullMQ pause test is skipped');

describe('BullMQ stage: a paused job becomes a delayed job', { skip: !redisUrl }, () => {
  it('moves the job to delayed until the resume time, spending no attempt', async () => {
    const connection = new Redis(redisUrl ?? '', { maxRetriesPerRequest: null });
    const prefix = `crm-ml-test-${randomUUID()}`;
    const queue = new Queue('sync', { connection, prefix });
    const resumeAt = new Date(Date.now() + 3_600_000).toISOString();
    let calls = 0;
    const processor = stageProcessor(async () => {
      calls += 1;
      throw new CrmMlError('salesforce_api_budget_reached', 'budget spent', {
        retryable: true,
        resumeAt,
      });
    });
    const worker = new Worker('sync', (job, token) => processor(job as StageJob, token), {
      connection,
      prefix,
    });
    try {
      const job = await queue.add(
        'sync',
        { kind: 'sync', runId: 'r', connectionId: 'c', payload: {} },
        { attempts: 3, backoff: { type: 'fixed', delay: 10 } },
      );
      const deadline = Date.now() + 10_000;
      while ((await job.getState()) !== 'delayed' || calls === 0) {
        if (Date.now() > deadline) throw new Error(`state ${await job.getState()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const delayed = await queue.getJob(job.id ?? '');
      assert.equal(calls, 1);
      assert.equal(delayed?.attemptsMade, 0, 'a pause spends no attempt');
      const runsAt = (delayed?.timestamp ?? 0) + (delayed?.delay ?? 0);
      assert.ok(Math.abs(runsAt - Date.parse(resumeAt)) < 2_000, `runs at ${runsAt}`);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
    }
  });
});
