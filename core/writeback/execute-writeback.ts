import type { WriteOutcome } from '../../connectors/connector.js';
import { countCrmCalls } from '../../connectors/shared/call-scope.js';
import { createLogger } from '../logging/logger.js';
import type { ObjectType } from '../records/crm-record.js';
import type { PipelineContext, StageProgress } from '../pipeline/pipeline-context.js';
import { freshWrites } from './fresh-writes.js';
import { onePluginForIsolated, worthIsolating } from './isolate-plugins.js';
import { mergeByRecord, toFieldUpdate, type RecordWrite } from './merge-entries.js';
import { runPooled } from './run-pooled.js';
import { splitMisfits, type Misfit } from './split-misfits.js';
import { toBatches } from './to-batches.js';

const logger = createLogger('writeback');

/** How often one run offers a transiently failing record to the CRM before leaving it queued. */
const MAX_ATTEMPTS_PER_RUN = 3;

/**
 * Pending entries read per round. Entries are queued plugin by plugin, so a record's entries
 * sit far apart in queue order; a wide window lets one update carry all of them. A record
 * whose entries fall into two windows gets two updates, never two in one batch.
 */
const PENDING_WINDOW = 50_000;

/**
 * Write calls in flight at once for one connection. A CRM answers a batch call in ~250 ms, so
 * one call at a time cannot use a rate limit like HubSpot's 19 calls/s; the connector's pacer
 * keeps the calls within the limit whatever this number.
 */
export const DEFAULT_WRITE_CONCURRENCY = 3;

/** Options of one write-back run. */
export interface WritebackOptions {
  /** Write calls in flight at once for the connection; default `DEFAULT_WRITE_CONCURRENCY`. */
  concurrency?: number;
}

export interface WritebackSummary {
  /** Records written: one update per record, whatever number of plugins it carried. */
  written: number;
  /** Records with a value refused for good, by crm-ml's field check or the CRM (other values may land). */
  failed: number;
  /** Records still queued after transient failures; the next run retries them. */
  deferred: number;
  calls: number;
  failures: { recordId: string; code: string; message: string }[];
  /** A few written record ids, for reading back what the CRM now holds. */
  sample: string[];
}

/** How many written record ids a summary keeps for verification. */
const SAMPLE_SIZE = 20;

/** How many refused records the closing log line names; the summary keeps all of them. */
const LOGGED_FAILURES = 10;

/** Which records a run has offered, and how each one ended. */
interface Tally {
  attempted: Set<string>;
  written: Set<string>;
  failed: Set<string>;
  /** Records whose merged update was refused: from then on, one plugin's values at a time. */
  isolated: Set<string>;
  /** Outbox entries written or failed for good: progress counts these, as the total does. */
  settled: number;
}

/**
 * Drains the write-back outbox of one connection: the newest pending values per record and
 * plugin, merged into one update per record, in the largest batches the CRM takes (a few
 * calls in flight at once), with per-record results recorded on every merged entry.
 */
export async function executeWriteback(
  context: PipelineContext,
  progress?: StageProgress,
  options: WritebackOptions = {},
): Promise<WritebackSummary> {
  const { store, connector, connectionId } = context;
  const batchSize = connector.descriptor.writeBatchSize;
  const concurrency = options.concurrency ?? DEFAULT_WRITE_CONCURRENCY;
  const attempts = new Map<number, number>();
  const tally: Tally = {
    attempted: new Set(),
    written: new Set(),
    failed: new Set(),
    isolated: new Set(),
    settled: 0,
  };
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
    const pending = await store.outbox.pending(connectionId, { limit: PENDING_WINDOW });
    const due = pending.filter((entry) => (attempts.get(entry.id) ?? 0) < MAX_ATTEMPTS_PER_RUN);
    if (due.length === 0) break;

    // One update per record per round, and the round ends before the next reads the outbox:
    // batches in flight together never hold the same record.
    const writes = onePluginForIsolated(mergeByRecord(due), tally.isolated, recordKey);
    const batches = toBatches(writes, batchSize);
    const results = await runPooled(batches, concurrency, async (batch) => {
      for (const write of batch.writes) {
        tally.attempted.add(recordKey(write));
        for (const entry of write.entries) {
          attempts.set(entry.id, (attempts.get(entry.id) ?? 0) + 1);
        }
      }
      const result = await writeBatch(context, batch.objectType, batch.writes, tally);
      progress?.(tally.settled, Math.max(total, tally.settled));
      return result;
    });

    // Folded in batch order, so the summary does not depend on which call answered first.
    for (const result of results) {
      summary.calls += result.calls;
      summary.failures.push(...result.failures);
      const room = SAMPLE_SIZE - summary.sample.length;
      if (room > 0) summary.sample.push(...result.written.slice(0, room));
    }
  }

  summary.written = tally.written.size;
  summary.failed = tally.failed.size;
  summary.deferred = [...tally.attempted].filter(
    (key) => !tally.written.has(key) && !tally.failed.has(key),
  ).length;
  const { failures, sample, ...counts } = summary;
  logger.info({ connectionId, ...counts, failures: failures.length }, 'write-back done');
  if (failures.length > 0) {
    // The entries are `failed` in the outbox with the same messages; the log names the first.
    logger.warn(
      { connectionId, failed: failures.length, first: failures.slice(0, LOGGED_FAILURES) },
      'some values were refused for good; later runs skip them until they get new values',
    );
  }
  return summary;
}

/** What one batch call produced: ids written, in batch order, and permanent failures. */
interface BatchResult {
  written: string[];
  failures: WritebackSummary['failures'];
  /**
   * Requests the CRM got for the batch, narrowing a refused batch and retries included; 0
   * when every entry went stale before the call, so none was made.
   */
  calls: number;
}

async function writeBatch(
  context: PipelineContext,
  objectType: ObjectType,
  batch: readonly RecordWrite[],
  tally: Tally,
): Promise<BatchResult> {
  const { store, connector } = context;
  const { sendable: writes, misfits } = splitMisfits(
    await freshWrites(store.outbox, batch),
    context.plugins,
  );
  const failures = await failMisfits(context, misfits, tally);
  if (writes.length === 0) return { written: [], failures, calls: 0 };

  const others = await otherVersions(context, objectType, writes);
  const updates = writes.map((write) => toFieldUpdate(write, others.get(write.recordId)));
  const { result: outcomes, calls: noted } = await countCrmCalls(() =>
    connector.write(objectType, updates),
  );
  // A connector that notes no requests (a third party's) counts one per write call.
  const calls = noted > 0 ? noted : 1;
  const byRecord = new Map<string, WriteOutcome>(outcomes.map((o) => [o.recordId, o]));
  const now = context.now().toISOString();

  const written = writes.filter((write) => byRecord.get(write.recordId)?.ok === true);
  await store.outbox.markWritten(
    written.flatMap((write) => write.entries.map((entry) => entry.id)),
    now,
  );
  for (const write of written) tally.written.add(recordKey(write));
  tally.settled += written.reduce((sum, write) => sum + write.entries.length, 0);

  for (const write of writes) {
    const outcome = byRecord.get(write.recordId) ?? missingOutcome(write.recordId);
    if (outcome.ok) continue;
    // Left pending: the next rounds offer each plugin's values alone.
    if (worthIsolating(write, outcome)) {
      tally.isolated.add(recordKey(write));
      continue;
    }
    await store.outbox.markFailed(
      write.entries.map((entry) => entry.id),
      outcome,
    );
    if (outcome.retryable) continue;
    tally.failed.add(recordKey(write));
    tally.settled += write.entries.length;
    failures.push({ recordId: write.recordId, code: outcome.code, message: outcome.message });
  }
  return { written: written.map((write) => write.recordId), failures, calls };
}

/** Marks values that fit no field of their plugin failed, as a CRM's refusal would be. */
async function failMisfits(
  context: PipelineContext,
  misfits: readonly Misfit[],
  tally: Tally,
): Promise<BatchResult['failures']> {
  const code = 'writeback_value_invalid';
  const failures: BatchResult['failures'] = [];
  for (const { entry, recordId, message } of misfits) {
    await context.store.outbox.markFailed([entry.id], { code, message, retryable: false });
    tally.failed.add(recordKey(entry));
    tally.settled += 1;
    failures.push({ recordId, code, message });
  }
  return failures;
}

/**
 * For each record, the version the CRM last got from each plugin of this object type that is
 * not part of its write, so the model-version field keeps naming every model behind the
 * record's values.
 */
async function otherVersions(
  context: PipelineContext,
  objectType: ObjectType,
  writes: readonly RecordWrite[],
): Promise<Map<string, Map<string, number>>> {
  const versions = new Map<string, Map<string, number>>();
  for (const plugin of context.plugins) {
    if (plugin.objectType !== objectType) continue;
    const ids = writes
      .filter((write) => !write.entries.some((entry) => entry.pluginId === plugin.id))
      .map((write) => write.recordId);
    if (ids.length === 0) continue;

    const states = await context.store.outbox.lastWritten(
      context.connectionId,
      objectType,
      plugin.id,
      ids,
    );
    for (const [recordId, state] of states) {
      const forRecord = versions.get(recordId) ?? new Map<string, number>();
      forRecord.set(plugin.id, state.modelVersion);
      versions.set(recordId, forRecord);
    }
  }
  return versions;
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

function recordKey(write: Pick<RecordWrite, 'objectType' | 'recordId'>): string {
  return `${write.objectType}/${write.recordId}`;
}
