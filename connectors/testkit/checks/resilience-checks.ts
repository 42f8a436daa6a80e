import assert from 'node:assert/strict';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { required, runCheck, skipReason } from '../check-context.js';
import { check } from '../check.js';
import type { ConnectorHarness, FaultyCrm } from '../connector-harness.js';
import { assertEachOnce } from '../kit-assertions.js';
import { KIT_PROPERTIES, LABEL, labelled } from '../kit-fields.js';
import { readAll } from '../read-all.js';

// High enough that a short run meets several faults, low enough that retries stay cheap.
const FAULT_RATE = 0.2;
// Passes of the read workload repeated until a fault was injected, at most.
const EXTRA_PASSES = 4;

/** Checks of the clause "rate limits, 429s, 5xx and expired tokens are handled inside". */
export function registerResilienceChecks(harness: ConnectorHarness): void {
  check(
    harness,
    'faults',
    'a sync, count, write and fetch complete through injected 429/5xx/timeouts',
    '429s, 5xx and timeouts are handled inside',
    async (t) => {
      const startWithFaults = harness.startWithFaults;
      if (startWithFaults === undefined) {
        t.skip(skipReason(harness, 'startWithFaults'));
        return;
      }
      let faulty: FaultyCrm | undefined;
      const start = async (): Promise<FaultyCrm> => (faulty = await startWithFaults(FAULT_RATE));

      await runCheck(
        t,
        harness,
        {},
        async ({ crm, connector, objectType, pageSize }) => {
          const ids = await crm.seed(labelled('faulty', pageSize * 2 + 1));

          const { records } = await readAll(connector, objectType, null, {
            properties: KIT_PROPERTIES,
          });
          const counted = await connector.count(objectType);
          const target = ids.slice(0, 3);
          const outcomes = await connector.write(
            objectType,
            target.map((recordId) => ({ recordId, values: { [LABEL]: 'survived' } })),
          );
          const fetched = await connector.fetch(objectType, target, [LABEL]);

          assertEachOnce(records, ids);
          assert.equal(counted, ids.length);
          assert.deepEqual(
            outcomes.filter((outcome) => !outcome.ok),
            [],
          );
          assert.deepEqual(
            fetched.map((record) => record.properties[LABEL]),
            target.map(() => 'survived'),
          );
          // A fake drawing faults from unseeded randomness may inject none in one pass (about
          // 1 in 15 at this rate); a few more idempotent passes make that vanishingly rare.
          let injected = faulty?.faultsInjected() ?? 0;
          for (let pass = 2; injected === 0 && pass <= EXTRA_PASSES + 1; pass++) {
            const again = await readAll(connector, objectType, null, {
              properties: KIT_PROPERTIES,
            });
            assertEachOnce(again.records, ids);
            assert.equal(await connector.count(objectType), ids.length);
            injected = faulty?.faultsInjected() ?? 0;
          }
          t.diagnostic(`${injected} faults injected`);
          assert.ok(injected > 0, 'the fake injected no fault: the check proved nothing');
        },
        start,
      );
    },
  );

  check(
    harness,
    'token-expiry',
    'an expired token is refreshed, or fails with a clear non-retryable CrmMlError',
    'expired tokens are handled inside; what escapes has retryable set honestly',
    (t) =>
      runCheck(t, harness, { needs: ['expireToken'] }, async ({ crm, connector, objectType }) => {
        const ids = await crm.seed(labelled('token', 2));
        await required(crm.expireToken, 'expireToken')();

        try {
          const { records } = await readAll(connector, objectType, null, {
            properties: KIT_PROPERTIES,
          });
          assertEachOnce(records, ids);
          const fetched = await connector.fetch(objectType, ids, [LABEL]);
          assert.equal(fetched.length, ids.length);
          t.diagnostic('the connector refreshed its token');
        } catch (error) {
          assert.ok(error instanceof CrmMlError, `not a CrmMlError: ${String(error)}`);
          // A transient failure of the refresh (a timeout, a 5xx) is the connector's to retry
          // inside; only a refusal may escape, and a refusal is not retryable.
          assert.equal(
            error.retryable,
            false,
            `${error.code} is marked retryable: retry a transient token failure inside (${error.message})`,
          );
          assert.match(error.message, /\w/);
          t.diagnostic(`the connector failed with ${error.code}: ${error.message}`);
        }
      }),
  );
}
