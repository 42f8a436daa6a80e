import assert from 'node:assert/strict';
import { required, runCheck, seedInThePast } from '../check-context.js';
import { check } from '../check.js';
import type { ConnectorHarness } from '../connector-harness.js';
import { assertEachOnce, assertIncludesAll, recordWithId } from '../kit-assertions.js';
import { KIT_PROPERTIES, LABEL, labelled } from '../kit-fields.js';
import { readAll, readPageByPage } from '../read-all.js';

const properties = KIT_PROPERTIES;

/** Checks of `read` and `count`: full and incremental sync, ties, pages, deletes, resuming. */
export function registerSyncChecks(harness: ConnectorHarness): void {
  check(
    harness,
    'full-sync',
    'full sync returns every record exactly once and count agrees',
    'read(type, null) is a full sync; count is the live records',
    (t) =>
      runCheck(t, harness, {}, async ({ crm, connector, objectType }) => {
        const ids = await crm.seed(labelled('full', 7));

        const { records } = await readAll(connector, objectType, null);

        assertEachOnce(records, ids);
        for (const [index, id] of ids.entries()) {
          const record = recordWithId(records, id);
          assert.equal(record.properties[LABEL], `full-${index}`, `${LABEL} of ${id}`);
          assert.equal(record.objectType, objectType);
          assert.equal(record.archived, false);
          assert.ok(!Number.isNaN(Date.parse(record.updatedAt)), `updatedAt ${record.updatedAt}`);
        }
        assert.equal(await connector.count(objectType), ids.length);
      }),
  );

  check(
    harness,
    'incremental-sync',
    'incremental sync returns the changed records with their new values, and few others',
    'read(type, cursor) yields every record created, changed or deleted since',
    (t) =>
      runCheck(t, harness, { needs: ['update'] }, async ({ crm, connector, objectType }) => {
        const ids = await seedInThePast(crm, labelled('before', 6));
        const full = await readAll(connector, objectType, null, { properties });
        const changed = [ids[1], ids[4]].filter((id) => id !== undefined);
        for (const id of changed)
          await required(crm.update, 'update')(id, { [LABEL]: `after-${id}` });

        const { records } = await readAll(connector, objectType, full.cursor, { properties });

        assertIncludesAll(records, changed);
        for (const id of changed) {
          assert.equal(recordWithId(records, id).properties[LABEL], `after-${id}`);
        }
        const others = new Set(records.map((r) => r.id).filter((id) => !changed.includes(id)));
        t.diagnostic(`incremental read: ${records.length} records, ${others.size} unchanged`);
        if ((harness.changeTracking ?? 'record') === 'record') {
          assert.ok(others.size < ids.length - changed.length, 'every unchanged record came again');
        }
      }),
  );

  check(
    harness,
    'timestamp-ties',
    'more records than a page sharing one timestamp are all read, also restarting per page',
    'no record is skipped, also when many share one timestamp',
    (t) =>
      runCheck(t, harness, { needs: ['seedSharingTimestamp'] }, async (context) => {
        const { crm, connector, objectType, incrementalPageSize } = context;
        const seedAt = required(crm.seedSharingTimestamp, 'seedSharingTimestamp');
        await seedAt(labelled('early', 1), new Date(Date.now() - 7_200_000));
        const full = await readAll(connector, objectType, null, { properties });
        const ties = await seedAt(labelled('tie', incrementalPageSize + 1), new Date());

        const whole = await readAll(connector, objectType, full.cursor, { properties });
        const stepwise = await readPageByPage(connector, objectType, full.cursor, { properties });

        assertIncludesAll(whole.records, ties);
        assertIncludesAll(stepwise.records, ties);
        t.diagnostic(`${ties.length} ties: ${stepwise.pages.length} pages, a new read for each`);
      }),
  );

  const boundaries = [
    { id: 'page-empty', size: 'empty' },
    { id: 'page-exact', size: 'one page' },
    { id: 'page-plus-one', size: 'one page plus one' },
  ] as const;
  for (const { id, size } of boundaries) {
    check(harness, id, `pagination boundary: ${size}`, 'read yields every record, in pages', (t) =>
      runCheck(t, harness, {}, async ({ crm, connector, objectType, pageSize }) => {
        const count = size === 'empty' ? 0 : size === 'one page' ? pageSize : pageSize + 1;
        const ids = count === 0 ? [] : await crm.seed(labelled('page', count));

        const { records, cursor } = await readAll(connector, objectType, null, { properties });

        assertEachOnce(records, ids);
        assert.equal(await connector.count(objectType), count);
        if (size !== 'empty') return;
        assert.ok(
          cursor !== null,
          'a full sync of an empty CRM must yield a cursor, or the next sync starts over',
        );
        // The cursor of an empty CRM must still lead to the first record created after it.
        const [first] = await crm.seed(labelled('first', 1));
        const next = await readAll(connector, objectType, cursor, { properties });
        assertIncludesAll(next.records, first === undefined ? [] : [first]);
      }),
    );
  }

  check(
    harness,
    'deletes',
    'a deleted record is reported in deletedIds and no longer counted',
    'deletedIds: ids deleted or archived since the cursor',
    (t) =>
      runCheck(t, harness, { needs: ['remove'] }, async ({ crm, connector, objectType }) => {
        const ids = await seedInThePast(crm, labelled('doomed', 4));
        const full = await readAll(connector, objectType, null, { properties });
        const [gone] = ids;
        assert.ok(gone !== undefined);
        await required(crm.remove, 'remove')(gone);

        const { records, deletedIds } = await readAll(connector, objectType, full.cursor, {
          properties,
        });

        assert.ok(
          deletedIds.includes(gone),
          `deleted record ${gone} is not in deletedIds ${JSON.stringify(deletedIds)}`,
        );
        const live = records.filter((record) => record.id === gone && !record.archived);
        assert.equal(live.length, 0, 'the deleted record came back as live');
        assert.equal(await connector.count(objectType), ids.length - 1);
      }),
  );

  check(
    harness,
    'read-by-ids',
    'readByIds returns the named records as a sync reads them, and leaves out deleted ones',
    'readByIds: the records a webhook named; ids the CRM does not return are gone',
    (t) =>
      runCheck(t, harness, { needs: ['remove'] }, async ({ crm, connector, objectType }) => {
        if (connector.readByIds === undefined) {
          t.skip('the connector has no readByIds: webhook rescoring falls back to a sync');
          return;
        }
        const ids = await crm.seed(labelled('named', 3));
        const [kept, other, gone] = ids;
        assert.ok(kept !== undefined && other !== undefined && gone !== undefined);
        await required(crm.remove, 'remove')(gone);
        const full = await readAll(connector, objectType, null);

        const records = await connector.readByIds(objectType, [kept, gone, kept]);

        assert.deepEqual(
          records.map((record) => record.id),
          [kept],
          'the live named record once; not the deleted one, not the unnamed one',
        );
        const synced = recordWithId(full.records, kept);
        assert.equal(records[0]?.properties[LABEL], synced.properties[LABEL]);
        assert.deepEqual(records[0]?.associations ?? {}, synced.associations ?? {});
      }),
  );

  check(
    harness,
    'resume-per-page',
    'a full sync restarted from each page cursor (a crash mid-sync) loses no record',
    'cursor: resuming read from it continues right after this page',
    (t) =>
      runCheck(t, harness, {}, async ({ crm, connector, objectType, pageSize }) => {
        const ids = await crm.seed(labelled('resume', pageSize * 2 + 1));

        const { records, pages } = await readPageByPage(connector, objectType, null, {
          properties,
        });

        assertIncludesAll(records, ids);
        assert.ok(pages.length >= 3, `${pages.length} pages for ${ids.length} records`);
      }),
  );
}
