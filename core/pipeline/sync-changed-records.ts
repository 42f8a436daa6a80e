import type { ObjectType } from '../records/crm-record.js';
import { createLogger } from '../logging/logger.js';
import { chunk } from '../store/chunk.js';
import type { PipelineContext, StageProgress } from './pipeline-context.js';
import {
  dropOwnFields,
  emptySyncSummary,
  logReconciliation,
  syncRecords,
  type SyncSummary,
} from './sync-records.js';

const logger = createLogger('pipeline.sync');

/** Ids read and stored per step: one transaction each, and a progress tick. */
const IDS_PER_STEP = 1_000;

/**
 * Reads only the records a CRM webhook named, by id, and stores them without moving the sync
 * cursor; ids the CRM no longer returns are archived. The records whose content changed are
 * then the ones a run rescores, so a handful of changes costs a handful of calls, not an
 * incremental read of everything modified since the cursor (our own write-back included).
 * A connector without `readByIds` gets an incremental sync instead.
 */
export async function syncChangedRecords(
  context: PipelineContext,
  objectType: ObjectType,
  ids: readonly string[],
  progress?: StageProgress,
): Promise<SyncSummary> {
  const { store, connector, connectionId } = context;
  if (connector.readByIds === undefined) {
    logger.info({ connectionId, objectType }, 'connector cannot read by id: incremental sync');
    return syncRecords(context, objectType, progress);
  }

  const unique = [...new Set(ids)];
  const summary = emptySyncSummary(objectType, 'changes');

  for (const step of chunk(unique, IDS_PER_STEP)) {
    const records = await connector.readByIds(objectType, step);
    for (const record of records) dropOwnFields(record);
    const returned = new Set(records.map((record) => record.id));
    const deletedIds = step.filter((id) => !returned.has(id));

    const saved = await store.records.saveRecords(connectionId, objectType, {
      records,
      deletedIds,
    });
    summary.pages += 1;
    summary.read += records.length;
    summary.inserted += saved.inserted;
    summary.updated += saved.updated;
    summary.unchanged += saved.unchanged;
    summary.deleted += saved.deleted;
    progress?.(Math.min(summary.pages * IDS_PER_STEP, unique.length), unique.length);
  }

  summary.crmTotal = await connector.count(objectType);
  summary.storeTotal = await store.records.count(connectionId, objectType);
  logReconciliation(connectionId, summary);
  return summary;
}
