import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Connector } from '../../../connectors/connector.js';
import { startSalesforceSandbox } from '../../../connectors/salesforce/sandbox/index.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { InProcessRunner } from '../../../core/jobs/in-process-runner.js';
import type { PipelineContext } from '../../../core/pipeline/pipeline-context.js';
import { runPipeline } from '../../../core/pipeline/run-pipeline.js';
import { syncRecords, type SyncSummary } from '../../../core/pipeline/sync-records.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { sandboxConnector } from '../../connectors/salesforce/salesforce-test-kit.js';

const CONNECTION = 'salesforce-budget';

function pipelineContext(store: Store, connector: Connector): PipelineContext {
  return {
    store,
    connector,
    connectionId: CONNECTION,
    plugins: [],
    pluginOptions: {},
    seed: 1,
    now: () => new Date(),
  };
}

describe('Salesforce daily API budget: the run pauses, and a later run resumes', () => {
  it('stops mid-sync with a resume time, no fast retries, then continues from the cursor', async () => {
    // 100 calls a day for the org, 300 rows a page: the full sync needs about a dozen calls.
    const sandbox = await startSalesforceSandbox({ dailyApiLimit: 100, queryBatchSize: 300 });
    const store = await openStore({ sqlitePath: ':memory:' });
    try {
      const ids = sandbox.data.createMany(
        'Contact',
        Array.from({ length: 3000 }, (_row, index) => ({ LastName: `b${index}` })),
        { timestamp: new Date('2024-06-01T00:00:00Z') },
      );
      const sync = async (apiBudgetShare: number) => {
        const { connector } = sandboxConnector(sandbox, { apiBudgetShare });
        const context = pipelineContext(store, connector);
        const waits: number[] = [];
        const runner = new InProcessRunner({
          sleep: async (ms) => void waits.push(ms),
        });
        runner.register('sync', () => syncRecords(context, 'contacts'));
        const job = { kind: 'sync' as const, runId: 'r', connectionId: CONNECTION, payload: {} };
        try {
          return { summary: (await runner.run(job)) as SyncSummary, waits };
        } catch (error) {
          return { error, waits };
        }
      };

      // crm-ml may use 8% of the org's 100 calls: the sync stops after a few pages.
      const before = Date.now();
      const first = await sync(0.08);
      assert.ok(first.error instanceof CrmMlError, String(first.error));
      assert.equal(first.error.code, 'salesforce_api_budget_reached');
      assert.deepEqual(first.waits, [], 'a pause is not retried within the run');
      const resumeAt = Date.parse(first.error.resumeAt ?? '');
      assert.ok(
        resumeAt >= before + 59 * 60_000,
        `resume about an hour later: ${first.error.resumeAt}`,
      );
      const storedFirst = await store.records.count(CONNECTION, 'contacts');
      assert.ok(
        storedFirst > 0 && storedFirst < ids.length,
        `stored ${storedFirst} before the stop`,
      );
      assert.notEqual(await store.cursors.get(CONNECTION, 'contacts'), null, 'cursor saved');

      // Later the budget has room (here: a larger share); the sync goes on from the cursor.
      const second = await sync(1);
      assert.equal(second.error, undefined);
      assert.equal(second.summary?.read, ids.length - storedFirst, 'only what was left is read');
      assert.equal(second.summary?.inserted, ids.length - storedFirst);
      assert.equal(await store.records.count(CONNECTION, 'contacts'), ids.length);
    } finally {
      await store.close();
      await sandbox.close();
    }
  });

  it('records a paused run as paused, with the time it may go on', async () => {
    const sandbox = await startSalesforceSandbox();
    const store = await openStore({ sqlitePath: ':memory:' });
    try {
      const { connector } = sandboxConnector(sandbox, {});
      const context = pipelineContext(store, connector);
      const resumeAt = '2030-01-01T00:00:00.000Z';
      const runner = new InProcessRunner({ sleep: async () => undefined });
      runner.register('sync', () => {
        const why = "crm-ml's share of the org's daily API calls is used up";
        throw new CrmMlError('salesforce_api_budget_reached', why, { resumeAt });
      });

      await assert.rejects(runPipeline(context, runner), /daily API calls/);
      const [run] = await store.runs.list(CONNECTION, { limit: 1 });
      assert.equal(run?.status, 'paused');
      assert.equal((run?.summary as { pausedUntil?: string }).pausedUntil, resumeAt);
    } finally {
      await store.close();
      await sandbox.close();
    }
  });
});
