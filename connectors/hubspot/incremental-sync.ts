import type { SyncPage } from '../connector.js';
import { CrmMlError, type ErrorDetail } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import { readArchivedIdsSince } from './archived-ids.js';
import { cursorFieldFor, hubspotDescriptor } from './hubspot-descriptor.js';
import type { HubSpotApi } from './hubspot-api.js';
import type { HubSpotObject } from './hubspot-schemas.js';
import { searchObjects, type SearchFilter, type SearchPage } from './search-objects.js';
import { encodeCursor, type SyncCursor } from './sync-cursor.js';
import { modifiedAtMs, toCrmRecord } from './to-crm-record.js';

const log = createLogger('connector.hubspot');

const ID_PROPERTY = 'hs_object_id';

export interface IncrementalSyncRequest {
  properties: readonly string[];
  signal?: AbortSignal;
}

/**
 * Incremental sync through the search API, safe for records that share one last-modified time.
 *
 * Search returns at most 10,000 results per query and sorts by one property, so paging a
 * "modified since" query with `after` would skip records, and ties at a page edge would too.
 * Instead every query is a fresh one that starts where the last yielded record ended:
 * - tie phase: `modified = ts AND id > lastId`, sorted by id, re-queried with the new last id;
 * - forward phase: `modified > ts`, sorted by time. Records older than the page's newest time
 *   are complete and yielded; those at the newest time go to the next tie phase, unless the
 *   page was short (then every match is on it, the cursor lands after its last record at the
 *   newest time, and the run ends).
 * Archived records since the cursor are reported as `deletedIds` on the first page.
 */
export async function* readIncremental(
  api: HubSpotApi,
  objectType: ObjectType,
  start: SyncCursor,
  request: IncrementalSyncRequest,
): AsyncGenerator<SyncPage> {
  const startedAt = Date.now();
  const reader = new IncrementalReader(api, objectType, request);
  let deletedIds = await readArchivedIdsSince(api, objectType, start.ts, request.signal);
  const deletedCount = deletedIds.length;
  let cursor: SyncCursor = { ts: start.ts, id: start.id };
  let total = 0;

  for (;;) {
    for await (const page of reader.tiePhase(cursor)) {
      cursor = page.cursor;
      total += page.objects.length;
      yield reader.toSyncPage(page.objects, deletedIds, cursor);
      deletedIds = [];
    }

    const forward = await reader.forwardPage(cursor.ts);
    if (forward === null) break;
    cursor = forward.cursor;
    total += forward.objects.length;
    if (forward.objects.length > 0 || deletedIds.length > 0) {
      yield reader.toSyncPage(forward.objects, deletedIds, cursor);
      deletedIds = [];
    }
    if (forward.last) break;
  }

  // A run with nothing new still reports its deletes and hands back a cursor.
  if (deletedIds.length > 0 || total === 0) yield reader.toSyncPage([], deletedIds, cursor);
  log.info(
    { objectType, total, deleted: deletedCount, durationMs: Date.now() - startedAt },
    'HubSpot incremental sync done',
  );
}

interface ReadStep {
  objects: HubSpotObject[];
  cursor: SyncCursor;
}

class IncrementalReader {
  private readonly cursorField: string;
  private readonly endpoint: string;
  private readonly limit = hubspotDescriptor.searchPageSize;
  /** Problems met since the last yielded page; handed out with the next one. */
  private readonly problems: ErrorDetail[] = [];

  constructor(
    private readonly api: HubSpotApi,
    private readonly objectType: ObjectType,
    private readonly request: IncrementalSyncRequest,
  ) {
    this.cursorField = cursorFieldFor(objectType);
    this.endpoint = `POST /crm/v3/objects/${objectType}/search`;
  }

  /** Every record at exactly `cursor.ts` with an id above `cursor.id`, in id order. */
  async *tiePhase(cursor: SyncCursor): AsyncGenerator<ReadStep> {
    let lastId = cursor.id;
    for (;;) {
      const filters: SearchFilter[] = [
        { propertyName: this.cursorField, operator: 'EQ', value: String(cursor.ts) },
      ];
      if (lastId !== '') filters.push({ propertyName: ID_PROPERTY, operator: 'GT', value: lastId });
      const sort = { propertyName: ID_PROPERTY, direction: 'ASCENDING' as const };
      const { results, received } = await this.search(filters, sort);

      const last = results.at(-1);
      if (last === undefined) return;
      if (lastId !== '' && compareIds(last.id, lastId) <= 0) {
        throw this.unexpected(`tie query after id ${lastId} returned id ${last.id}`);
      }
      lastId = last.id;
      yield { objects: results, cursor: { ts: cursor.ts, id: lastId } };
      if (received < this.limit) return;
    }
  }

  /** The next records after `ts`, or null when there are none; `last` ends the run. */
  async forwardPage(ts: number): Promise<(ReadStep & { last: boolean }) | null> {
    const filters: SearchFilter[] = [
      { propertyName: this.cursorField, operator: 'GT', value: String(ts) },
    ];
    const sort = { propertyName: this.cursorField, direction: 'ASCENDING' as const };
    const { results, received } = await this.search(filters, sort);
    if (results.length === 0) return null;

    const times = results.map((object) => modifiedAtMs(object, this.cursorField, this.endpoint));
    const maxTs = Math.max(...times);
    if (maxTs <= ts) throw this.unexpected(`query for ${this.cursorField} > ${ts} returned none`);

    const atMax = results.filter((_object, index) => times[index] === maxTs);
    if (received < this.limit) {
      // Every match is on this short page, those at maxTs too: resume after the last of them,
      // as the tie phase does, so a big group sharing maxTs is not read again next run.
      const lastId = atMax.reduce(
        (id, object) => (compareIds(object.id, id) > 0 ? object.id : id),
        '0',
      );
      return { objects: results, cursor: { ts: maxTs, id: lastId }, last: true };
    }

    const complete = results.filter((_object, index) => (times[index] ?? maxTs) < maxTs);
    return { objects: complete, cursor: { ts: maxTs, id: '' }, last: false };
  }

  toSyncPage(objects: HubSpotObject[], deletedIds: string[], cursor: SyncCursor): SyncPage {
    const records = objects.map((object) => toCrmRecord(this.objectType, object));
    const problems = this.problems.splice(0);
    return { records, deletedIds, cursor: encodeCursor(cursor), problems };
  }

  private async search(
    filters: SearchFilter[],
    sort: { propertyName: string; direction: 'ASCENDING' },
  ): Promise<SearchPage> {
    const request = { filters, sort, properties: this.request.properties, limit: this.limit };
    const page = await searchObjects(this.api, this.objectType, request, this.request.signal);
    this.problems.push(...page.problems);
    return page;
  }

  private unexpected(what: string): CrmMlError {
    return new CrmMlError(
      'hubspot_unexpected_payload',
      `HubSpot ${this.endpoint} broke its filter or sort: ${what}`,
    );
  }
}

/** HubSpot ids are decimal strings that may outgrow a double; compare them as integers. */
function compareIds(a: string, b: string): number {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return a.localeCompare(b);
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}
