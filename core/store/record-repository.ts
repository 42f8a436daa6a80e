import type { Kysely } from 'kysely';

import type { SyncPage } from '../../connectors/connector.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Logger } from '../logging/logger.js';
import type { CrmRecord, ObjectType } from '../records/crm-record.js';
import { chunk, rowsPerStatement } from './chunk.js';
import { contentHash, encodeJson, toIsoTimestamp } from './column-codec.js';
import { CursorRepository } from './cursor-repository.js';
import { databaseErrors } from './database-errors.js';
import type { Database, RecordTable } from './database-schema.js';
import { assertStorableRecord, lastPerId, toCrmRecord } from './record-rows.js';
import type { PageEntry, RecordRow } from './record-rows.js';

/** What one `savePage` did. `unchanged` records matched the stored properties exactly. */
export interface SavePageResult {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export interface CountOptions {
  /** Count archived (deleted in the CRM) records too; default false. */
  includeArchived?: boolean;
}

export interface IterateOptions extends CountOptions {
  /** Records per yielded batch; default 1,000. */
  batchSize?: number;
  /** Only these ids (in id order); absent means every record. */
  ids?: readonly string[];
  /** Also read the CRM payload; default false, it often doubles the memory per record. */
  includeRaw?: boolean;
}

const DEFAULT_BATCH_SIZE = 1_000;
const RECORD_ROWS_PER_STATEMENT = rowsPerStatement(10);
const ID_LOOKUPS_PER_STATEMENT = rowsPerStatement(1);
const LISTED_COLUMNS = [
  'id',
  'object_type',
  'properties',
  'associations',
  'updated_at',
  'archived',
] as const;

type Tally = Omit<SavePageResult, 'deleted'>;

/** CRM records as synced: the raw payload, the normalised form and when its content changed. */
export class RecordRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
    private readonly logger: Logger,
  ) {}

  /**
   * Stores one page of a sync, archives its deleted ids and saves its cursor, all in one
   * transaction: after a crash either the whole page and its cursor are stored, or neither.
   */
  async savePage(
    connectionId: string,
    objectType: ObjectType,
    page: SyncPage,
  ): Promise<SavePageResult> {
    return this.save(connectionId, objectType, page, page.cursor);
  }

  /**
   * Stores records read by id (a CRM webhook named them) and archives `deletedIds`, in one
   * transaction, leaving the sync cursor where it is: the next incremental sync still reads
   * everything changed since it.
   */
  async saveRecords(
    connectionId: string,
    objectType: ObjectType,
    changes: Pick<SyncPage, 'records' | 'deletedIds'>,
  ): Promise<SavePageResult> {
    return this.save(connectionId, objectType, changes, null);
  }

  private async save(
    connectionId: string,
    objectType: ObjectType,
    page: Pick<SyncPage, 'records' | 'deletedIds'>,
    cursor: string | null,
  ): Promise<SavePageResult> {
    const storedAt = this.now();
    const entries = lastPerId(page.records);

    try {
      return await this.db.transaction().execute(async (trx) => {
        const tally: Tally = { inserted: 0, updated: 0, unchanged: 0 };
        for (const slice of chunk(entries, RECORD_ROWS_PER_STATEMENT)) {
          await this.saveSlice(trx, { connectionId, objectType, storedAt }, slice, tally);
        }

        const deleted = await this.archive(
          trx,
          connectionId,
          objectType,
          page.deletedIds,
          storedAt,
        );
        if (cursor !== null) {
          await new CursorRepository(trx, this.now).set(connectionId, objectType, cursor);
        }

        const result = { ...tally, deleted };
        this.logger.debug({ connectionId, objectType, ...result }, 'records stored');
        return result;
      });
    } catch (error) {
      if (error instanceof CrmMlError) throw error;
      throw new CrmMlError(
        'store_save_page_failed',
        `could not store a page of ${objectType} for connection ${connectionId}`,
        { cause: error, retryable: databaseErrors.isTransient(error) },
      );
    }
  }

  private async saveSlice(
    trx: Kysely<Database>,
    scope: { connectionId: string; objectType: ObjectType; storedAt: string },
    slice: readonly PageEntry[],
    tally: Tally,
  ): Promise<void> {
    for (const { record, index } of slice) assertStorableRecord(record, scope.objectType, index);

    const ids = slice.map((entry) => entry.record.id);
    const existing = await trx
      .selectFrom('records')
      .select(['id', 'content_hash', 'archived', 'updated_at', 'changed_at'])
      .where('connection_id', '=', scope.connectionId)
      .where('object_type', '=', scope.objectType)
      .where('id', 'in', ids)
      .execute();
    const stored = new Map(existing.map((row) => [row.id, row]));

    const rows: RecordTable[] = [];
    for (const { record } of slice) {
      const hash = recordHash(record);
      const archived = record.archived ? 1 : 0;
      const before = stored.get(record.id);
      const same = before?.content_hash === hash && before.archived === archived;

      if (before === undefined) tally.inserted += 1;
      else if (same) tally.unchanged += 1;
      else tally.updated += 1;

      // Same content and same CRM timestamp: nothing worth a write.
      if (same && before.updated_at === record.updatedAt) continue;

      rows.push({
        connection_id: scope.connectionId,
        object_type: scope.objectType,
        id: record.id,
        properties: encodeJson(record.properties),
        raw: record.raw === undefined ? null : encodeJson(record.raw),
        associations: record.associations === undefined ? null : encodeJson(record.associations),
        updated_at: record.updatedAt,
        archived,
        content_hash: hash,
        changed_at: same ? before.changed_at : scope.storedAt,
        synced_at: scope.storedAt,
      });
    }
    if (rows.length === 0) return;

    await trx
      .insertInto('records')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['connection_id', 'object_type', 'id']).doUpdateSet((eb) => ({
          properties: eb.ref('excluded.properties'),
          raw: eb.ref('excluded.raw'),
          associations: eb.ref('excluded.associations'),
          updated_at: eb.ref('excluded.updated_at'),
          archived: eb.ref('excluded.archived'),
          content_hash: eb.ref('excluded.content_hash'),
          changed_at: eb.ref('excluded.changed_at'),
          synced_at: eb.ref('excluded.synced_at'),
        })),
      )
      .execute();
  }

  private async archive(
    trx: Kysely<Database>,
    connectionId: string,
    objectType: ObjectType,
    ids: readonly string[],
    storedAt: string,
  ): Promise<number> {
    let archived = 0;
    for (const slice of chunk([...new Set(ids)], ID_LOOKUPS_PER_STATEMENT)) {
      const result = await trx
        .updateTable('records')
        .set({ archived: 1, changed_at: storedAt, synced_at: storedAt })
        .where('connection_id', '=', connectionId)
        .where('object_type', '=', objectType)
        .where('id', 'in', slice)
        .where('archived', '=', 0)
        .executeTakeFirst();
      archived += Number(result.numUpdatedRows);
    }
    return archived;
  }

  /** One record with its raw payload, or null. */
  async get(connectionId: string, objectType: ObjectType, id: string): Promise<CrmRecord | null> {
    const row = await this.db
      .selectFrom('records')
      .select([...LISTED_COLUMNS, 'raw'])
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toCrmRecord(row);
  }

  async count(
    connectionId: string,
    objectType: ObjectType,
    options: CountOptions = {},
  ): Promise<number> {
    let query = this.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType);
    if (options.includeArchived !== true) query = query.where('archived', '=', 0);

    const row = await query.executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * Streams records in batches ordered by id. Pages by the last id seen (keyset), never by
   * OFFSET, so each batch costs the same and memory stays at one batch.
   */
  async *iterate(
    connectionId: string,
    objectType: ObjectType,
    options: IterateOptions = {},
  ): AsyncIterable<CrmRecord[]> {
    for await (const rows of this.iterateRows(connectionId, objectType, options)) {
      yield rows.map(toCrmRecord);
    }
  }

  /**
   * `iterate` as stored rows, their JSON columns still text: for a reader that decodes them
   * elsewhere (a scoring thread), so this thread neither parses nor copies records.
   */
  async *iterateRows(
    connectionId: string,
    objectType: ObjectType,
    options: IterateOptions = {},
  ): AsyncIterable<RecordRow[]> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const columns =
      options.includeRaw === true ? [...LISTED_COLUMNS, 'raw' as const] : LISTED_COLUMNS;

    let base = this.db
      .selectFrom('records')
      .select(columns)
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType);
    if (options.includeArchived !== true) base = base.where('archived', '=', 0);

    if (options.ids !== undefined) {
      const ids = [...new Set(options.ids)].sort();
      for (const slice of chunk(ids, Math.min(batchSize, ID_LOOKUPS_PER_STATEMENT))) {
        const rows: RecordRow[] = await base.where('id', 'in', slice).orderBy('id').execute();
        if (rows.length > 0) yield rows;
      }
      return;
    }

    let after: string | undefined;
    for (;;) {
      const query = after === undefined ? base : base.where('id', '>', after);
      const rows: RecordRow[] = await query.orderBy('id').limit(batchSize).execute();
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]?.id;
    }
  }

  /** Ids (archived ones included) whose content changed at or after `sinceIso`, by id. */
  async listChangedSince(
    connectionId: string,
    objectType: ObjectType,
    sinceIso: string,
  ): Promise<string[]> {
    const rows = await this.db
      .selectFrom('records')
      .select('id')
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType)
      .where('changed_at', '>=', toIsoTimestamp(sinceIso, 'sinceIso'))
      .orderBy('id')
      .execute();
    return rows.map((row) => row.id);
  }
}

/**
 * A record's content hash: its properties, plus its links when the connector read them, so a
 * note moved to another contact counts as changed. Records without links hash as before.
 */
function recordHash(record: CrmRecord): string {
  if (record.associations === undefined) return contentHash(record.properties);
  const links = Object.entries(record.associations)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, ids]) => [type, [...(ids ?? [])].sort()]);
  return contentHash({ ...record.properties, '\u0000associations': JSON.stringify(links) });
}
