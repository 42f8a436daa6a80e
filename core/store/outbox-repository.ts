import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Logger } from '../logging/logger.js';
import type { ObjectType, PropertyValue } from '../records/crm-record.js';
import { BulkStatements, type BulkInsert } from './bulk-statement.js';
import { chunk, rowsPerStatement } from './chunk.js';
import { decodeJson, encodeJson, toIsoTimestamp } from './column-codec.js';
import type { Database, OutboxTable, WritebackStateTable } from './database-schema.js';
import { OutboxClaims, type ForeignClaims } from './outbox-claims.js';
import { queueRepairs } from './outbox-repairs.js';
import { OUTBOX_STATUSES, outboxKey, toOutboxEntry } from './outbox-rows.js';
import type {
  OutboxEntry,
  OutboxItem,
  OutboxRow,
  OutboxStatus,
  WrittenState,
} from './outbox-rows.js';
import { isStale } from './outbox-staleness.js';
import { analyzeAfterGrowth } from './planner-statistics.js';

export interface PendingOptions {
  limit: number;
  objectType?: ObjectType;
}

/** Why a write failed, as the connector reported it. */
export interface WriteFailure {
  code: string;
  message: string;
  /** Retryable entries stay pending; others become `failed`. */
  retryable: boolean;
}

/** The connection, object type and plugin an outbox entry belongs to. */
type OutboxScope = Pick<OutboxItem, 'connectionId' | 'objectType' | 'pluginId'>;

/**
 * One plugin's scored batch for the outbox: one scope, model version and `scoredAt`, and per
 * record (same index in both lists) its id and field values as JSON text.
 */
export interface EncodedOutboxBatch extends OutboxScope {
  modelVersion: number;
  scoredAt: string;
  recordIds: readonly string[];
  values: readonly string[];
}

/** What the CRM last received for a record: its values as stored JSON text, and when scored. */
export interface EncodedWrittenState {
  values: string;
  scoredAt: string;
}

/** What `enqueueBatch` did: entries added, and pending ones (new or older) superseded. */
export interface EnqueueCounts {
  enqueued: number;
  superseded: number;
}

const ENTRY_COLUMNS = [
  'connection_id',
  'object_type',
  'record_id',
  'plugin_id',
  'field_values',
  'model_version',
  'scored_at',
  'status',
  'attempts',
  'created_at',
  'updated_at',
] as const;
const ENTRY_INSERT: BulkInsert = { table: 'outbox', columns: ENTRY_COLUMNS, suffix: '' };
const ENTRY_INSERT_RETURNING: BulkInsert = { ...ENTRY_INSERT, suffix: 'returning *' };
const ENTRY_ROWS_PER_STATEMENT = rowsPerStatement(ENTRY_COLUMNS.length);
const STATE_ROWS_PER_STATEMENT = rowsPerStatement(9);
const IDS_PER_STATEMENT = rowsPerStatement(1);

function invalidItem(index: number, problem: string): CrmMlError {
  return new CrmMlError('store_invalid_outbox_item', `items[${index}]: ${problem}`, {
    details: [{ path: `items[${index}]`, message: problem }],
  });
}

function assertItem(item: OutboxItem, index: number): void {
  if (item.recordId === '') throw invalidItem(index, 'recordId must not be empty');
  if (!Number.isInteger(item.modelVersion)) {
    throw invalidItem(index, 'modelVersion must be an integer');
  }
}

/** The insert parameters of `items`, row after row in `ENTRY_COLUMNS` order. */
function entryParameters(items: readonly OutboxItem[], now: string): unknown[] {
  const parameters: unknown[] = [];
  // A batch shares one timestamp as a rule: each distinct one is normalised once.
  const timestamps = new Map<string, string>();
  items.forEach((item, index) => {
    assertItem(item, index);
    let scoredAt = timestamps.get(item.scoredAt);
    if (scoredAt === undefined) {
      scoredAt = toIsoTimestamp(item.scoredAt, `items[${index}].scoredAt`);
      timestamps.set(item.scoredAt, scoredAt);
    }
    const values = encodeJson(item.values);
    parameters.push(item.connectionId, item.objectType, item.recordId, item.pluginId, values);
    parameters.push(item.modelVersion, scoredAt, 'pending', 0, now, now);
  });
  return parameters;
}

/** The insert parameters of an encoded batch, row after row in `ENTRY_COLUMNS` order. */
function batchParameters(batch: EncodedOutboxBatch, now: string): unknown[] {
  if (!Number.isInteger(batch.modelVersion)) {
    throw invalidItem(0, 'modelVersion must be an integer');
  }
  const scoredAt = toIsoTimestamp(batch.scoredAt, 'scoredAt');
  const { connectionId, objectType, pluginId, modelVersion, recordIds, values } = batch;

  const parameters = new Array<unknown>(recordIds.length * ENTRY_COLUMNS.length);
  let p = 0;
  for (let i = 0; i < recordIds.length; i++) {
    const recordId = recordIds[i] as string;
    if (recordId === '') throw invalidItem(i, 'recordId must not be empty');
    parameters[p++] = connectionId;
    parameters[p++] = objectType;
    parameters[p++] = recordId;
    parameters[p++] = pluginId;
    parameters[p++] = values[i];
    parameters[p++] = modelVersion;
    parameters[p++] = scoredAt;
    parameters[p++] = 'pending';
    parameters[p++] = 0;
    parameters[p++] = now;
    parameters[p++] = now;
  }
  return parameters;
}

/**
 * The write-back outbox. Exactly-once in effect: only the freshest entry per (record, plugin)
 * is handed out, and `writeback_state` remembers what the CRM holds so a stale write never
 * replaces a fresh one. `pending` only reads; workers that drain one outbox together use
 * `claim`, which hands each entry to one worker at a time for a lease.
 */
export class OutboxRepository {
  private readonly claims: OutboxClaims;
  private readonly bulk: BulkStatements;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
    private readonly logger: Logger,
  ) {
    this.claims = new OutboxClaims(db, now);
    this.bulk = new BulkStatements(db);
  }

  /**
   * Claims up to `limit` fresh pending entries for `workerId` until `leaseMs` from now;
   * entries of a worker that died return once its lease has run out.
   */
  claim(
    connectionId: string,
    workerId: string,
    limit: number,
    leaseMs: number,
  ): Promise<OutboxEntry[]> {
    return this.claims.claim(connectionId, workerId, limit, leaseMs);
  }

  /** Extends the unexpired leases `workerId` holds on `ids`; returns the ids still held. */
  renewClaims(ids: readonly number[], workerId: string, leaseMs: number): Promise<number[]> {
    return this.claims.renew(ids, workerId, leaseMs);
  }

  /** Returns claimed entries to the pool before their lease ends. */
  release(ids: readonly number[]): Promise<void> {
    return this.claims.release(ids);
  }

  /** Returns every entry `workerId` holds to the pool; a worker does this as it shuts down. */
  releaseWorker(workerId: string): Promise<number> {
    return this.claims.releaseWorker(workerId);
  }

  /**
   * Of `ids`, the entries that may still be written: pending and fresh. Called right before
   * a write is sent; the others lose their claims and stale pending ones become superseded,
   * so the record's fresh entry can be claimed.
   */
  async stillFresh(ids: readonly number[]): Promise<Set<number>> {
    const now = this.now();
    const fresh = new Set<number>();

    for (const slice of chunk([...new Set(ids)], IDS_PER_STATEMENT)) {
      const rows = await this.db
        .selectFrom('outbox')
        .select('id')
        .where('id', 'in', slice)
        .where('status', '=', 'pending')
        .where((eb) => eb.not(isStale(eb)))
        .execute();
      for (const row of rows) fresh.add(Number(row.id));
      const dropped = slice.filter((id) => !fresh.has(id));
      if (dropped.length === 0) continue;

      await this.db
        .updateTable('outbox')
        .set({ status: 'superseded', updated_at: now })
        .where('id', 'in', dropped)
        .where('status', '=', 'pending')
        .execute();
      await this.claims.release(dropped);
      this.logger.info({ dropped: dropped.length }, 'stale outbox entries dropped before sending');
    }
    return fresh;
  }

  /** Fresh pending entries other workers hold now, and when the first of their leases ends. */
  foreignClaims(connectionId: string, workerId: string): Promise<ForeignClaims> {
    return this.claims.foreign(connectionId, workerId);
  }

  /**
   * Queues writes; older pending entries for the same record and plugin become superseded.
   * Returns the new entries as stored, by id.
   */
  async enqueue(items: readonly OutboxItem[]): Promise<OutboxEntry[]> {
    const now = this.now();
    const parameters = entryParameters(items, now);

    return this.db.transaction().execute(async (trx) => {
      const rows = await this.insertEntries(trx, ENTRY_INSERT_RETURNING, parameters);
      const superseded = await this.supersedeItems(trx, items, now);
      this.logger.debug({ enqueued: rows.length, superseded: superseded.size }, 'outbox enqueued');

      // The rows came back before superseding; entries it reached say so, as a re-read would.
      const entries = rows.map((row) => {
        const entry = toOutboxEntry(row);
        if (!superseded.has(entry.id)) return entry;
        return { ...entry, status: 'superseded' as const, updatedAt: now };
      });
      return entries.sort((a, b) => a.id - b.id);
    });
  }

  /**
   * Queues one plugin's scored batch as `enqueue` does, without handing the entries back:
   * the path of scoring, which only counts them, so nothing is read back. The values come
   * as JSON text (encoded once for the score row and this entry). One transaction.
   *
   * The batch shares one `scoredAt`, so the pending entries it supersedes are known before
   * it is inserted: those of its records scored at or before it. Superseding them first
   * spares the general staleness test on every new entry; it still runs for the records
   * that hold a pending entry scored later (another worker's clock ahead of ours).
   */
  async enqueueBatch(batch: EncodedOutboxBatch): Promise<EnqueueCounts> {
    const now = this.now();
    const parameters = batchParameters(batch, now);
    const scoredAt = toIsoTimestamp(batch.scoredAt, 'scoredAt');

    const counts = await this.db.transaction().execute(async (trx) => {
      const pendingOf = (eb: ExpressionBuilder<Database, 'outbox'>) =>
        eb.and([
          eb('connection_id', '=', batch.connectionId),
          eb('object_type', '=', batch.objectType),
          eb('plugin_id', '=', batch.pluginId),
          this.bulk.inTextList(sql.ref('outbox.record_id'), batch.recordIds),
          eb('status', '=', 'pending'),
        ]);
      // One look at the records' pending entries; on a first run there are none.
      const pending = await trx
        .selectFrom('outbox')
        .select(['id', 'record_id', 'scored_at'])
        .where(pendingOf)
        .execute();
      const older = pending.filter((row) => row.scored_at <= scoredAt).map((row) => row.id);
      const later = pending.filter((row) => row.scored_at > scoredAt).map((row) => row.record_id);
      for (const ids of chunk(older, IDS_PER_STATEMENT)) {
        await trx
          .updateTable('outbox')
          .set({ status: 'superseded', updated_at: now })
          .where('id', 'in', ids)
          .execute();
      }

      await this.insertEntries(trx, ENTRY_INSERT, parameters);
      let superseded = older.length;
      if (later.length > 0) superseded += (await this.supersede(trx, batch, later, now)).size;
      const enqueued = batch.recordIds.length;
      this.logger.debug({ enqueued, superseded }, 'outbox entries enqueued');
      return { enqueued, superseded };
    });
    await analyzeAfterGrowth(this.db, 'outbox', counts.enqueued);
    return counts;
  }

  private async insertEntries(
    trx: Kysely<Database>,
    insert: BulkInsert,
    parameters: unknown[],
  ): Promise<OutboxRow[]> {
    const width = ENTRY_COLUMNS.length;
    const perStatement = ENTRY_ROWS_PER_STATEMENT * width;
    const rows: OutboxRow[] = [];
    for (let start = 0; start < parameters.length; start += perStatement) {
      const slice =
        parameters.length <= perStatement
          ? parameters
          : parameters.slice(start, start + perStatement);
      const result = await this.bulk.insert<OutboxRow>(trx, insert, slice.length / width, slice);
      rows.push(...result.rows);
    }
    return rows;
  }

  /**
   * Marks stale pending entries of `recordIds` in one (connection, object type, plugin) as
   * superseded, in one statement, and returns their ids.
   */
  private async supersede(
    trx: Kysely<Database>,
    scope: OutboxScope,
    recordIds: readonly string[],
    now: string,
  ): Promise<Set<number>> {
    const recordIdIn = this.bulk.inTextList(sql.ref('outbox.record_id'), recordIds);
    const rows = await trx
      .updateTable('outbox')
      .set({ status: 'superseded', updated_at: now })
      .where('connection_id', '=', scope.connectionId)
      .where('object_type', '=', scope.objectType)
      .where('plugin_id', '=', scope.pluginId)
      .where(recordIdIn)
      .where('status', '=', 'pending')
      .where(isStale)
      .returning('id')
      .execute();
    return new Set(rows.map((row) => Number(row.id)));
  }

  /** `supersede` for items of any scopes: one statement per (connection, type, plugin). */
  private async supersedeItems(
    trx: Kysely<Database>,
    items: readonly OutboxItem[],
    now: string,
  ): Promise<Set<number>> {
    const groups = new Map<string, { scope: OutboxScope; recordIds: Set<string> }>();
    for (const item of items) {
      const key = JSON.stringify([item.connectionId, item.objectType, item.pluginId]);
      const group = groups.get(key) ?? { scope: item, recordIds: new Set<string>() };
      group.recordIds.add(item.recordId);
      groups.set(key, group);
    }

    const superseded = new Set<number>();
    for (const { scope, recordIds } of groups.values()) {
      for (const id of await this.supersede(trx, scope, [...recordIds], now)) superseded.add(id);
    }
    return superseded;
  }

  /**
   * Pending entries, oldest first. Filters stale ones again, because two PostgreSQL
   * transactions enqueueing the same record at once cannot see each other's entry.
   */
  async pending(connectionId: string, options: PendingOptions): Promise<OutboxEntry[]> {
    let query = this.db
      .selectFrom('outbox')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('status', '=', 'pending');
    if (options.objectType !== undefined)
      query = query.where('object_type', '=', options.objectType);

    const rows = await query
      .where((eb) => eb.not(isStale(eb)))
      .orderBy('id')
      .limit(options.limit)
      .execute();
    return rows.map(toOutboxEntry);
  }

  /**
   * Records that the CRM accepted these entries, and moves `writeback_state` forward only
   * where an entry was scored later than what the state holds. Returns the entries marked.
   */
  async markWritten(ids: readonly number[], writtenAt: string): Promise<number> {
    const at = toIsoTimestamp(writtenAt, 'writtenAt');

    const written = await this.db.transaction().execute(async (trx) => {
      const freshest = new Map<string, WritebackStateTable>();
      const landed: Selectable<OutboxTable>[] = [];
      let marked = 0;

      for (const slice of chunk([...new Set(ids)], IDS_PER_STATEMENT)) {
        // A superseded entry a worker had already taken may still have reached the CRM.
        const written = await trx
          .updateTable('outbox')
          .set({
            status: 'written',
            written_at: at,
            updated_at: at,
            claimed_by: null,
            claim_expires_at: null,
          })
          .where('id', 'in', slice)
          .where('status', 'in', ['pending', 'superseded'])
          .returningAll()
          .execute();
        marked += written.length;
        landed.push(...written);

        for (const row of written) {
          const key = JSON.stringify([row.connection_id, outboxKey(toOutboxEntry(row))]);
          const held = freshest.get(key);
          if (held !== undefined && held.scored_at >= row.scored_at) continue;
          freshest.set(key, {
            connection_id: row.connection_id,
            object_type: row.object_type,
            record_id: row.record_id,
            plugin_id: row.plugin_id,
            field_values: row.field_values,
            model_version: row.model_version,
            scored_at: row.scored_at,
            written_at: at,
            outbox_id: Number(row.id),
          });
        }
      }

      for (const slice of chunk([...freshest.values()], STATE_ROWS_PER_STATEMENT)) {
        await trx
          .insertInto('writeback_state')
          .values(slice)
          .onConflict((oc) =>
            oc
              .columns(['connection_id', 'object_type', 'plugin_id', 'record_id'])
              .doUpdateSet((eb) => ({
                field_values: eb.ref('excluded.field_values'),
                model_version: eb.ref('excluded.model_version'),
                scored_at: eb.ref('excluded.scored_at'),
                written_at: eb.ref('excluded.written_at'),
                outbox_id: eb.ref('excluded.outbox_id'),
              }))
              .whereRef('writeback_state.scored_at', '<', 'excluded.scored_at'),
          )
          .execute();
      }

      const repairs = await queueRepairs(trx, landed, this.now());
      if (repairs > 0) {
        this.logger.warn({ repairs }, 'a stale write may have landed; fresh values queued again');
      }
      return marked;
    });
    // Each entry written adds or moves its record's row of what the CRM holds.
    await analyzeAfterGrowth(this.db, 'writeback_state', written);
    return written;
  }

  /**
   * Counts a failed attempt; retryable entries stay pending and lose their claim, so the
   * next attempt may come from any worker. Returns the entries changed.
   */
  async markFailed(ids: readonly number[], failure: WriteFailure): Promise<number> {
    const now = this.now();
    let changed = 0;

    for (const slice of chunk([...new Set(ids)], IDS_PER_STATEMENT)) {
      const result = await this.db
        .updateTable('outbox')
        .set((eb) => ({
          status: failure.retryable ? 'pending' : 'failed',
          attempts: eb('attempts', '+', 1),
          last_error_code: failure.code,
          last_error_message: failure.message,
          updated_at: now,
        }))
        .where('id', 'in', slice)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
    await this.claims.release(ids);
    return changed;
  }

  /** What the CRM last received per record (for this plugin), to plan only changed values. */
  async lastWritten(
    connectionId: string,
    objectType: ObjectType,
    pluginId: string,
    recordIds: readonly string[],
  ): Promise<Map<string, WrittenState>> {
    const states = new Map<string, WrittenState>();
    for (const row of await this.writtenRows(connectionId, objectType, pluginId, recordIds)) {
      states.set(row.record_id, {
        values: decodeJson<Record<string, PropertyValue>>(row.field_values),
        modelVersion: row.model_version,
        scoredAt: row.scored_at,
        writtenAt: row.written_at,
      });
    }
    return states;
  }

  /**
   * `lastWritten` with the values as the JSON text stored: a planner comparing them with
   * freshly encoded values decodes only the few that differ.
   */
  async lastWrittenEncoded(
    connectionId: string,
    objectType: ObjectType,
    pluginId: string,
    recordIds: readonly string[],
  ): Promise<Map<string, EncodedWrittenState>> {
    const states = new Map<string, EncodedWrittenState>();
    for (const row of await this.writtenRows(connectionId, objectType, pluginId, recordIds)) {
      states.set(row.record_id, { values: row.field_values, scoredAt: row.scored_at });
    }
    return states;
  }

  /**
   * Forgets what the CRM holds from one plugin on one object type, because its fields there
   * were removed or created afresh: planning then sees every value as new. Returns the rows.
   */
  async forgetWritten(
    connectionId: string,
    objectType: ObjectType,
    pluginId: string,
  ): Promise<number> {
    const result = await this.db
      .deleteFrom('writeback_state')
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType)
      .where('plugin_id', '=', pluginId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async writtenRows(
    connectionId: string,
    objectType: ObjectType,
    pluginId: string,
    recordIds: readonly string[],
  ): Promise<Selectable<WritebackStateTable>[]> {
    const rows: Selectable<WritebackStateTable>[] = [];
    for (const slice of chunk([...new Set(recordIds)], IDS_PER_STATEMENT)) {
      const found = await this.db
        .selectFrom('writeback_state')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('object_type', '=', objectType)
        .where('plugin_id', '=', pluginId)
        .where('record_id', 'in', slice)
        .execute();
      rows.push(...found);
    }
    return rows;
  }

  /** Entries per status, every status present. */
  async counts(connectionId: string): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db
      .selectFrom('outbox')
      .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
      .where('connection_id', '=', connectionId)
      .groupBy('status')
      .execute();

    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<
      OutboxStatus,
      number
    >;
    for (const row of rows) counts[row.status as OutboxStatus] = Number(row.count);
    return counts;
  }
}
