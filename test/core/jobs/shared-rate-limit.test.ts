import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Connector } from '../../../connectors/connector.js';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { budgetedConnector } from '../../../core/jobs/budgeted-connector.js';
import { claimedWritebackHandler } from '../../../core/jobs/claimed-writeback.js';
import { SharedRateLimit } from '../../../core/jobs/shared-rate-limit.js';
import { WorkerMetrics } from '../../../core/metrics/worker-metrics.js';
import type { PipelineContext } from '../../../core/pipeline/pipeline-context.js';
import { openStore, type OutboxItem, type Store } from '../../../core/store/index.js';
import type { WritebackSummary } from '../../../core/writeback/execute-writeback.js';
import { fieldsToProvision } from '../../../core/writeback/own-fields.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { uniquePrefix } from './queue-fixtures.js';

const redisUrl = redisUrlOrWarn('shared rate budget');
const TOKEN = 'budget-token';
const CEILING = { max: 190, intervalMs: 10_000 };
// More single-record calls than one window holds, so the budget has to hold some back.
const RECORDS = 300;
const plugin = createChurnPlugin();

if (redisUrl) {
  describe('two workers share one connection’s rate budget', () => {
    const prefix = uniquePrefix();
    let sandbox: HubSpotSandbox;
    let store: Store;

    before(async () => {
      sandbox = await startHubSpotSandbox({ accessToken: TOKEN, rateLimit: CEILING });
      store = await openStore({ sqlitePath: ':memory:' });
    });

    after(async () => {
      await store.close();
      await sandbox.close();
    });

    /** A worker process's share: its own connector (and pacer) and Redis client. */
    function worker(workerId: string, connectionId: string) {
      const hubspot = createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url });
      // One record per call, so 300 records need more calls than one window allows.
      const connector: Connector = {
        ...hubspot,
        descriptor: { ...hubspot.descriptor, writeBatchSize: 1 },
      };
      const rateLimit = new SharedRateLimit(redisUrl!, prefix);
      const metrics = new WorkerMetrics();
      const context: PipelineContext = {
        store,
        connector: budgetedConnector(connector, connectionId, { rateLimit, metrics }),
        connectionId,
        plugins: [plugin],
        pluginOptions: {},
        seed: 42,
        now: () => new Date(),
      };
      const handler = claimedWritebackHandler(async () => context, { workerId, metrics });
      return {
        rateLimit,
        metrics,
        run: () =>
          handler({ kind: 'writeback', runId: 'r', connectionId, payload: {} }, () => undefined),
      };
    }

    it('makes no 429 under a 190/10 s ceiling and uses the CRM’s window, not 100', async () => {
      const connectionId = `budget-${prefix}`;
      const setup = createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url });
      await setup.provisionFields('contacts', fieldsToProvision([plugin]));
      await setup.close?.();

      const items: OutboxItem[] = [];
      for (let i = 0; i < RECORDS; i += 1) {
        const recordId = sandbox.data.create('contacts', { email: `c${i}@example.com` });
        items.push({
          connectionId,
          objectType: 'contacts',
          recordId,
          pluginId: 'churn',
          values: { crm_ml_churn_score: i % 100 },
          modelVersion: 1,
          scoredAt: new Date().toISOString(),
        });
      }
      await store.outbox.enqueue(items);

      const a = worker('worker-a', connectionId);
      const b = worker('worker-b', connectionId);
      const startedAt = Date.now();
      const [summaryA, summaryB] = (await Promise.all([a.run(), b.run()])) as WritebackSummary[];
      assert.ok(summaryA && summaryB);
      const seconds = (Date.now() - startedAt) / 1000;

      assert.equal(sandbox.stats.rateLimited, 0, 'no call ran into the ceiling');
      assert.equal(summaryA.written + summaryB.written, RECORDS);
      assert.ok(summaryA.written > 0 && summaryB.written > 0, 'both workers wrote');

      // The window's worth went at once, the rest once it rolled: one interval, not the
      // two a 100-per-10-s budget needs for 300 calls.
      assert.ok(seconds >= 9, `waited for the window to roll (${seconds.toFixed(1)} s)`);
      assert.ok(seconds < 19, `followed the 190/10 s window (${seconds.toFixed(1)} s)`);
      const reported = await a.rateLimit.reported(connectionId);
      assert.equal(reported?.max, CEILING.max);
      assert.equal(reported?.intervalMs, CEILING.intervalMs);

      const text = (await a.metrics.registry.metrics()) + (await b.metrics.registry.metrics());
      assert.match(text, /crm_ml_rate_budget_waits_total\{connection="[^"]+"\} [1-9]/);

      await a.rateLimit.close();
      await b.rateLimit.close();
    });
  });
}
