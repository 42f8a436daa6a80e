import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import type { Job, JobKind, JobRunner } from '../../../core/jobs/job.js';

/** Builds a runner with a short backoff and its progress going to `onProgress`. */
export type RunnerFactory = (
  onProgress: (job: Job, done: number, total: number) => void,
) => Promise<JobRunner>;

function job(kind: JobKind, runId: string, payload: Job['payload'] = {}): Job {
  return { kind, runId, connectionId: 'contract', payload };
}

/**
 * The behaviour every JobRunner shares: summaries come back, flows run in order and stop at
 * the first failure, retryable errors are retried, others fail at once with their code.
 */
export function runnerContract(name: string, create: RunnerFactory): void {
  describe(`job runner contract: ${name}`, () => {
    let runner: JobRunner;
    const calls: string[] = [];
    const failuresLeft = new Map<string, number>();
    const progress: string[] = [];

    before(async () => {
      runner = await create((j, done, total) => progress.push(`${j.runId}:${done}/${total}`));
      runner.register('sync', async (j, report) => {
        calls.push(`sync:${j.runId}`);
        report(1, 2);
        report(2, 2);
        return { echoed: j.payload, connectionId: j.connectionId };
      });
      runner.register('train', async (j) => {
        calls.push(`train:${j.runId}`);
        const left = failuresLeft.get(j.runId) ?? 0;
        if (left > 0) {
          failuresLeft.set(j.runId, left - 1);
          throw new CrmMlError('crm_unavailable', 'CRM answered 503', { retryable: true });
        }
        return { trained: true };
      });
      runner.register('score', async (j) => {
        calls.push(`score:${j.runId}`);
        throw new CrmMlError('model_invalid', `no model for ${j.connectionId}`, {
          details: [{ path: 'model', message: 'missing' }],
        });
      });
      runner.register('writeback', async (j) => {
        calls.push(`writeback:${j.runId}`);
        return { written: 1 };
      });
    });

    after(async () => {
      await runner.close();
    });

    it('returns the handler summary and reports progress', async () => {
      const runId = randomUUID();
      const summary = await runner.run(job('sync', runId, { objectTypes: ['contacts'] }));
      assert.deepEqual(summary, {
        echoed: { objectTypes: ['contacts'] },
        connectionId: 'contract',
      });
      // Progress crosses Redis asynchronously; the final tick is the one that must arrive.
      await waitFor(() => progress.includes(`${runId}:2/2`));
    });

    it('runs a flow in order and returns every summary', async () => {
      const runId = randomUUID();
      const summaries = await runner.runFlow([
        job('sync', runId),
        job('train', runId),
        job('writeback', runId),
      ]);
      assert.equal(summaries.length, 3);
      assert.deepEqual(summaries[2], { written: 1 });
      const mine = calls.filter((c) => c.endsWith(runId));
      assert.deepEqual(mine, [`sync:${runId}`, `train:${runId}`, `writeback:${runId}`]);
    });

    it('stops a flow at the first failure with the handler error code', async () => {
      const runId = randomUUID();
      await assert.rejects(
        runner.runFlow([job('sync', runId), job('score', runId), job('writeback', runId)]),
        (error: unknown) =>
          error instanceof CrmMlError &&
          error.code === 'model_invalid' &&
          error.details[0]?.path === 'model',
      );
      const mine = calls.filter((c) => c.endsWith(runId));
      assert.deepEqual(mine, [`sync:${runId}`, `score:${runId}`]);
    });

    it('retries a retryable failure and then succeeds', async () => {
      const runId = randomUUID();
      failuresLeft.set(runId, 2);
      assert.deepEqual(await runner.run(job('train', runId)), { trained: true });
      assert.equal(calls.filter((c) => c === `train:${runId}`).length, 3);
    });

    it('gives up after the last attempt with a retryable error', async () => {
      const runId = randomUUID();
      failuresLeft.set(runId, 10);
      await assert.rejects(
        runner.run(job('train', runId)),
        (error: unknown) => error instanceof CrmMlError && error.code === 'crm_unavailable',
      );
      assert.equal(calls.filter((c) => c === `train:${runId}`).length, 3);
    });

    it('does not retry an error that is not retryable', async () => {
      const runId = randomUUID();
      await assert.rejects(runner.run(job('score', runId)));
      assert.equal(calls.filter((c) => c === `score:${runId}`).length, 1);
    });

    it('refuses a second handler for one kind', async () => {
      assert.throws(
        () => runner.register('sync', async () => null),
        (error: unknown) => error instanceof CrmMlError && error.code === 'job_handler_duplicate',
      );
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
