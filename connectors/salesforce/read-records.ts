import type { ReadOptions, SyncPage } from '../connector.js';
import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import { bulkQueryPages } from './bulk-query.js';
import type { ConnectorContext } from './connector-context.js';
import { readDeletedIds } from './deleted-ids.js';
import { countQuery, queryPages } from './query-pages.js';
import { selectFields } from './select-fields.js';
import { soqlDateTime, soqlString } from './soql.js';
import { encodeCursor, type SyncCursor } from './sync-cursor.js';
import { toCrmRecords, type ConvertedRecords, type RecordShape } from './to-crm-record.js';

const log = createLogger('connector.salesforce');

/** Where a full sync stands before its first record: every real record sorts after it. */
const START: SyncCursor = { ts: new Date(0).toISOString(), id: '000000000000000' };

/**
 * Full (cursor null) or incremental sync of one object type, ordered by (SystemModstamp, Id):
 * `SystemModstamp > ts OR (SystemModstamp = ts AND Id > id)`. Every page ends on a record, so
 * its cursor resumes right after it, however many records share one SystemModstamp and
 * wherever Salesforce cuts its pages. Deletes since the cursor come on the first page.
 *
 * When COUNT() says more than `bulkThreshold` records match, the same query runs as a Bulk
 * API 2.0 job instead. Bulk results come unordered (ORDER BY disables Bulk chunking), so its
 * pages carry the starting cursor and only the last page moves it, to the greatest
 * (SystemModstamp, Id) seen: an interrupted bulk read starts over, it never skips.
 */
export async function* readRecords(
  context: ConnectorContext,
  objectType: ObjectType,
  cursor: SyncCursor | null,
  options: ReadOptions,
): AsyncGenerator<SyncPage> {
  const startedAt = Date.now();
  const signal = options.signal;
  const sObject = context.objects.sObjectFor(objectType);
  context.describes.forget(sObject);
  const described = await context.describes.get(sObject, signal);
  const associations = context.objects.associationFields(described);
  const fields = selectFields(described, associations, options.properties);

  const where = cursor === null ? '' : ` WHERE ${afterCursor(cursor)}`;
  const base = `SELECT ${fields.join(', ')} FROM ${sObject}${where}`;
  let deletedIds =
    cursor === null ? [] : await readDeletedIds(context.api, sObject, cursor.ts, signal);
  const matching = await countQuery(context.api, `SELECT COUNT() FROM ${sObject}${where}`, signal);
  const bulk = matching > context.bulkThreshold;
  log.info({ objectType, sObject, matching, bulk, full: cursor === null }, 'Salesforce sync');

  const shape = (fromCsv: boolean): RecordShape => ({
    objectType,
    described,
    associations,
    fromCsv,
  });
  let position = cursor ?? START;
  let total = 0;

  if (bulk) {
    const pages = bulkQueryPages(context.api, base, {
      pageSize: context.bulkPageSize,
      sleep: context.sleep,
      timeoutMs: context.bulkTimeoutMs,
      ...(signal === undefined ? {} : { signal }),
    });
    let greatest = position;
    let pending: ConvertedRecords | null = null;
    for await (const rows of pages) {
      if (pending !== null) {
        yield { ...pending, deletedIds, cursor: encodeCursor(position) };
        deletedIds = [];
      }
      pending = toCrmRecords(rows, shape(true));
      for (const record of pending.records) greatest = later(greatest, cursorOf(record));
      total += pending.records.length;
    }
    position = greatest;
    yield {
      ...(pending ?? { records: [], problems: [] }),
      deletedIds,
      cursor: encodeCursor(position),
    };
  } else {
    let yielded = false;
    for await (const page of queryPages(context.api, `${base} ORDER BY SystemModstamp, Id`, {
      ...(signal === undefined ? {} : { signal }),
    })) {
      const { records, problems } = toCrmRecords(page, shape(false));
      const last = records.at(-1);
      if (last !== undefined) position = cursorOf(last);
      total += records.length;
      if (records.length === 0 && problems.length === 0 && yielded) continue;
      yield { records, deletedIds, cursor: encodeCursor(position), problems };
      deletedIds = [];
      yielded = true;
    }
    if (!yielded) yield { records: [], deletedIds, cursor: encodeCursor(position) };
  }

  log.info({ objectType, total, durationMs: Date.now() - startedAt, bulk }, 'Salesforce sync done');
}

function afterCursor(cursor: SyncCursor): string {
  const ts = soqlDateTime(cursor.ts);
  return `(SystemModstamp > ${ts} OR (SystemModstamp = ${ts} AND Id > ${soqlString(cursor.id)}))`;
}

function cursorOf(record: CrmRecord): SyncCursor {
  return { ts: record.updatedAt, id: record.id };
}

/** The later of two positions in (SystemModstamp, Id) order. */
function later(a: SyncCursor, b: SyncCursor): SyncCursor {
  const byTime = Date.parse(a.ts) - Date.parse(b.ts);
  if (byTime !== 0) return byTime > 0 ? a : b;
  return a.id >= b.id ? a : b;
}
