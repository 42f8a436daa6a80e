import type { ErrorDetail } from '../errors/crm-ml-error.js';
import type { CrmRecord, ObjectType } from '../records/crm-record.js';
import { isOwnField } from '../writeback/own-fields.js';
import { createLogger } from '../logging/logger.js';
import type { PipelineContext, StageProgress } from './pipeline-context.js';

const logger = createLogger('pipeline.sync');

export interface SyncSummary {
  objectType: ObjectType;
  /**
   * Full when the connection had no cursor yet; `changes` when only the records a CRM
   * webhook named were read, by id.
   */
  mode: 'full' | 'incremental' | 'changes';
  pages: number;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Records or values the CRM sent in an unusable shape: counted, the first few kept. */
  rejected: number;
  /** Why nothing was read: the CRM account has no such objects (or no access to them). */
  skipped?: string;
  problems: ErrorDetail[];
  /** Live records the CRM reports, beside the live records the store now holds. */
  crmTotal: number;
  storeTotal: number;
}

/**
 * Reads every record created, changed or deleted since the saved cursor and stores it.
 * Each page is saved with its cursor in one transaction, so a crash resumes after the last
 * stored page; the run ends with a reconciliation count.
 */
export async function syncRecords(
  context: PipelineContext,
  objectType: ObjectType,
  progress?: StageProgress,
): Promise<SyncSummary> {
  const { store, connector, connectionId } = context;
  const cursor = await store.cursors.get(connectionId, objectType);
  const summary = emptySyncSummary(objectType, cursor === null ? 'full' : 'incremental');

  // The CRM's total sizes the progress bar; the count is cheap next to the sync itself.
  const expected = await connector.count(objectType);

  for await (const page of connector.read(objectType, cursor)) {
    for (const record of page.records) dropOwnFields(record);
    const saved = await store.records.savePage(connectionId, objectType, page);
    summary.pages += 1;
    summary.read += page.records.length;
    summary.inserted += saved.inserted;
    summary.updated += saved.updated;
    summary.unchanged += saved.unchanged;
    summary.deleted += saved.deleted;
    noteProblems(summary, page.problems ?? [], connectionId);
    progress?.(summary.read, Math.max(expected, summary.read));
  }

  summary.crmTotal = await connector.count(objectType);
  summary.storeTotal = await store.records.count(connectionId, objectType);
  logReconciliation(connectionId, summary);
  return summary;
}

/** A summary with every count at zero, for a sync about to start. */
export function emptySyncSummary(objectType: ObjectType, mode: SyncSummary['mode']): SyncSummary {
  return {
    objectType,
    mode,
    pages: 0,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    rejected: 0,
    problems: [],
    crmTotal: 0,
    storeTotal: 0,
  };
}

/** crm-ml's own fields stay out of the stored copy, so our own writes do not count as change. */
export function dropOwnFields(record: CrmRecord): void {
  for (const name of Object.keys(record.properties)) {
    if (isOwnField(name)) delete record.properties[name];
  }
}

/** How many problems a summary lists; the rest are counted and logged. */
const PROBLEMS_KEPT = 20;

function noteProblems(summary: SyncSummary, problems: ErrorDetail[], connectionId: string): void {
  for (const problem of problems) {
    logger.warn({ connectionId, ...problem }, 'CRM sent data crm-ml cannot use');
  }
  summary.rejected += problems.length;
  summary.problems.push(...problems.slice(0, PROBLEMS_KEPT - summary.problems.length));
}

export function logReconciliation(connectionId: string, summary: SyncSummary): void {
  const fields = { connectionId, ...summary };
  if (summary.crmTotal === summary.storeTotal) logger.info(fields, 'sync reconciled');
  else logger.warn(fields, 'sync totals differ between the CRM and the store');
}
