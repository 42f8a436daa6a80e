import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { InProcessRunStarter } from '../../../core/api/in-process-run-starter.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { InProcessRunner } from '../../../core/jobs/in-process-runner.js';
import { takeRunLease } from '../../../core/runtime/connection-run-lease.js';
import type { Store } from '../../../core/store/index.js';
import { storeBackends } from '../../helpers/store-backends.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Two stores on one database stand for two processes; :memory: cannot be shared, so it is left out.
for (const backend of storeBackends().filter((b) => b.persistent)) {
  describe(`run leases: ${backend.name}`, () => {
    let mine: Store;
    let theirs: Store;
    let n = 0;
    const connection = (): string => `lease-${process.pid}-${(n += 1)}`;

    before(async () => {
      await backend.setup();
      mine = await backend.open();
      theirs = await backend.open();
    });
    after(async () => {
      await mine.close();
      await theirs.close();
      await backend.teardown();
    });

    test('one store has one identity, whoever opens it', () => {
      assert.match(mine.id, /^[0-9a-f-]{36}$/);
      assert.equal(theirs.id, mine.id);
    });

    test('a held lease refuses another run, in another process too, until released', async () => {
      const id = connection();
      const held = await takeRunLease(mine, id, 'run-a', { holder: 'host-a pid 1' });
      await assert.rejects(takeRunLease(theirs, id, 'run-b'), (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'run_in_progress');
        assert.match(error.message, new RegExp(`connection ${id} has run run-a under way`));
        assert.match(error.message, /host-a pid 1/);
        assert.match(error.message, new RegExp(`lease ends at ${held.lease.expiresAt}`));
        return true;
      });

      await held.release();
      assert.equal(await theirs.runLeases.get(id), null);
      const next = await takeRunLease(theirs, id, 'run-b');
      assert.equal(next.lease.runId, 'run-b');
      await next.release();
    });

    test('renewal keeps a lease past its first expiry; a lapsed one is taken over', async () => {
      const id = connection();
      const held = await takeRunLease(mine, id, 'run-a', { leaseMs: 600 });
      await sleep(1_000);
      await assert.rejects(takeRunLease(theirs, id, 'run-b'), { code: 'run_in_progress' });
      await held.release();

      // A crashed run renews nothing: its lease lapses and the next run takes it.
      const crashed = await mine.runLeases.acquire({
        connectionId: id,
        runId: 'run-crashed',
        holder: 'gone',
        leaseMs: 50,
      });
      assert.equal(crashed.acquired, true);
      await assert.rejects(takeRunLease(theirs, id, 'run-c'), { code: 'run_in_progress' });
      await sleep(100);
      const taken = await takeRunLease(theirs, id, 'run-c');
      assert.equal(taken.lease.runId, 'run-c');
      assert.equal(await mine.runLeases.renew(id, 'run-crashed', 50), false);
      await mine.runLeases.release(id, 'run-crashed');
      assert.equal(
        (await theirs.runLeases.get(id))?.runId,
        'run-c',
        'a stale release frees nothing',
      );
      await taken.release();
    });

    test('of many runs starting at once, exactly one takes the lease', async () => {
      const id = connection();
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 === 0 ? mine : theirs).runLeases.acquire({
            connectionId: id,
            runId: `run-${i}`,
            holder: `runner ${i}`,
            leaseMs: 60_000,
          }),
        ),
      );
      assert.equal(outcomes.filter((outcome) => outcome.acquired).length, 1);
    });

    test("the API's in-process starter honours a lease taken by a crm-ml run elsewhere", async () => {
      const id = connection();
      const cli = await takeRunLease(theirs, id, 'cli-run');
      const runner = new InProcessRunner();
      const starter = new InProcessRunStarter({
        store: mine,
        runner,
        resolve: async () => {
          throw new Error('a refused run must not resolve its connection');
        },
      });
      try {
        const start = starter.start({ connectionId: id, kind: 'pipeline', forceTrain: false });
        await assert.rejects(start, { code: 'run_in_progress' });
        assert.deepEqual(await mine.runs.list(id, { limit: 5 }), [], 'nothing recorded');
      } finally {
        await cli.release();
        await starter.close();
        await runner.close();
      }
    });
  });
}
