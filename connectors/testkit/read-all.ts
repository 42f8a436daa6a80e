import type { Connector, ReadOptions, SyncPage } from '../connector.js';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';

/** Everything one sync yielded, in order. */
export interface SyncResult {
  pages: SyncPage[];
  records: CrmRecord[];
  deletedIds: string[];
  /** The last page's cursor; the starting cursor when no page came. */
  cursor: string | null;
}

/** Reads one whole sync from `cursor` without interruption. */
export async function readAll(
  connector: Connector,
  objectType: ObjectType,
  cursor: string | null,
  options: ReadOptions = {},
): Promise<SyncResult> {
  const pages: SyncPage[] = [];
  for await (const page of connector.read(objectType, cursor, options)) pages.push(page);
  return summarise(pages, cursor);
}

// A sync that never ends its loop would hang the suite; no check needs more restarts than this.
const MAX_RESTARTS = 200;

/**
 * Reads one sync as a process that crashes after every page would: take one page, keep its
 * cursor, drop the iterator, start a new `read` from that cursor. Stops when a read yields no
 * page, or a page with no records that leaves the cursor where it was.
 */
export async function readPageByPage(
  connector: Connector,
  objectType: ObjectType,
  cursor: string | null,
  options: ReadOptions = {},
): Promise<SyncResult> {
  const pages: SyncPage[] = [];
  let position = cursor;

  for (let restart = 0; restart < MAX_RESTARTS; restart += 1) {
    const page = await firstPage(connector.read(objectType, position, options));
    if (page === undefined) return summarise(pages, cursor);
    pages.push(page);

    const stalled = page.cursor === position;
    position = page.cursor;
    if (stalled && page.records.length === 0 && page.deletedIds.length === 0) {
      return summarise(pages, cursor);
    }
    if (stalled && page.records.length > 0) {
      throw new CrmMlError(
        'testkit_cursor_stalled',
        'a page with records left the cursor as it was',
      );
    }
  }
  throw new CrmMlError('testkit_cursor_stalled', `read did not finish in ${MAX_RESTARTS} restarts`);
}

async function firstPage(pages: AsyncIterable<SyncPage>): Promise<SyncPage | undefined> {
  // Breaking out of the loop calls the generator's return(), as an aborted worker would.
  for await (const page of pages) return page;
  return undefined;
}

function summarise(pages: SyncPage[], cursor: string | null): SyncResult {
  return {
    pages,
    records: pages.flatMap((page) => page.records),
    deletedIds: pages.flatMap((page) => page.deletedIds),
    cursor: pages.at(-1)?.cursor ?? cursor,
  };
}

/** The ids of `records`, in order, duplicates kept. */
export function idsOf(records: readonly CrmRecord[]): string[] {
  return records.map((record) => record.id);
}
