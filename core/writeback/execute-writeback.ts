import type { FieldUpdate, WriteOutcome } from '../../connectors/connector.js';
import { createLogger } from '../logging/logger.js';
import type { ObjectType } from '../records/crm-record.js';
import type { OutboxEntry } from '../store/index.js';
import type { PipelineContext, StageProgress } from '../pipeline/pipeline-context.js';
import { MODEL_VERSION_FIELD, SCORED_AT_FIELD } from './own-fields.js';

const logger = createLogger('writeback');

/** How often one run offers a transiently failing record to the CRM before leaving it queued. */
const MAX_ATTEMPTS_PER_RUN = 3;

export interface WritebackSummary {
  written: number;
  failed: number;
  /** Still queued after transient failures; the next run retries them. */
  deferred: number;
  calls: number;
  failures: { recordId: string; code: string; message: string }[];
  /** A few written record ids, for reading back what the CRM now holds. */
  sample: string[];
}

/** How many written record ids a summary keeps for verification. */
const SAMPLE_SIZE = 20;

/**
 * Drains the write-back outbox of one connection: the newest pending values per record, in
 * the largest batches the CRM takes, with per-record results recorded in the store.
 */
export async function executeWriteback(
  context: PipelineContext,
  progress?: StageProgress,
): Promise<WritebackSummary> {
  const { store, connector, connectionId } = context;
  const batchSize = connector.descriptor.writeBatchSize;
  const attempts = new Map<number, number>();
  const summary: WritebackSummary = {
    written: 0,
    failed: 0,
    deferred: 0,
    calls: 0,
    failures: [],
    sample: [],
  };
  const total = (await store.outbox.counts(connectionId)).pending ?? 0;

  for (;;) {
    const pending = await store.outbox.pending(connectionId, { limit: batchSize * 10 });
    const due = pending.filter((entry) => (attempts.get(entry.id) ?? 0) < MAX_ATTEMPTS_PER_RUN);
    if (due.length === 0) break;

    for (const [objectType, entries] of groupByObjectType(due)) {
      for (let start = 0; start < entries.length; start += batchSize) {
        const batch = entries.slice(start, start + batchSize);
        for (const entry of batch) attempts.set(entry.id, (attempts.get(entry.id) ?? 0) + 1);
        await writeBatch(context, objectType, batch, summary);
        progress?.(summary.written + summary.failed, Math.max(total, summary.written));
      }
    }
  }

  summary.deferred = attempts.size - summary.written - summary.failed;
  const { failures, sample, ...counts } = summary;
  logger.info({ connectionId, ...counts, failures: failures.length }, 'write-back done');
  return summary;
}

async function writeBatch(
  context: PipelineContext,
  objectType: ObjectType,
  entries: readonly OutboxEntry[],
  summary: WritebackSummary,
): Promise<void> {
  const { store, connector } = context;
  summary.calls += 1;
  const outcomes = await connector.write(objectType, entries.map(toFieldUpdate));
  const byRecord = new Map<string, WriteOutcome>(outcomes.map((o) => [o.recordId, o]));
  const now = context.now().toISOString();

  const written = entries.filter((entry) => byRecord.get(entry.recordId)?.ok === true);
  await store.outbox.markWritten(
    written.map((entry) => entry.id),
    now,
  );
  summary.written += written.length;
  const room = SAMPLE_SIZE - summary.sample.length;
  if (room > 0) summary.sample.push(...written.slice(0, room).map((entry) => entry.recordId));

  for (const entry of entries) {
    const outcome = byRecord.get(entry.recordId) ?? missingOutcome(entry.recordId);
    if (outcome.ok) continue;
    await store.outbox.markFailed([entry.id], outcome);
    if (!outcome.retryable) {
      summary.failed += 1;
      summary.failures.push({
        recordId: entry.recordId,
        code: outcome.code,
        message: outcome.message,
      });
    }
  }
}

function toFieldUpdate(entry: OutboxEntry): FieldUpdate {
  return {
    recordId: entry.recordId,
    values: {
      ...entry.values,
      [SCORED_AT_FIELD]: entry.scoredAt,
      [MODEL_VERSION_FIELD]: `${entry.pluginId} v${entry.modelVersion}`,
    },
  };
}

// A connector must report every record; one that does not is treated as a transient gap.
function missingOutcome(recordId: string): WriteOutcome {
  return {
    recordId,
    ok: false,
    code: 'writeback_outcome_missing',
    message: `The connector reported no outcome for record ${recordId}`,
    retryable: true,
  };
}

function groupByObjectType(entries: readonly OutboxEntry[]): Map<ObjectType, OutboxEntry[]> {
  const groups = new Map<ObjectType, OutboxEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.objectType) ?? [];
    group.push(entry);
    groups.set(entry.objectType, group);
  }
  return groups;
}
