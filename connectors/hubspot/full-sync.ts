import type { SyncPage } from '../connector.js';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import { cursorFieldFor, hubspotDescriptor } from './hubspot-descriptor.js';
import type { HubSpotApi } from './hubspot-api.js';
import { listObjects } from './list-objects.js';
import { encodeCursor, type SyncCursor } from './sync-cursor.js';
import { modifiedAtMs, toCrmRecord } from './to-crm-record.js';

const log = createLogger('connector.hubspot');

// The server's `date` header has one-second resolution and is stamped after the first page was
// read; a one-second margin keeps the bound at or before the moment the sync started.
const START_MARGIN_MS = 1000;

export interface FullSyncRequest {
  properties: readonly string[];
  /** Linked object types each record lists, read in the same call as the record. */
  associations?: readonly ObjectType[];
  /** Set when resuming a full sync from one of its own page cursors. */
  resumeFrom?: SyncCursor;
  signal?: AbortSignal;
}

/**
 * Full sync through the list endpoint, 100 records a page, following `paging.next.after`.
 *
 * The final cursor is where incremental sync must start so that nothing changed during the
 * sync is missed: the server time at the start (minus a margin) when HubSpot sends a `date`
 * header, else the newest last-modified time seen. Its id is empty, so records sitting exactly
 * on that time are read again (duplicates are fine, skips are not).
 */
export async function* readFullSync(
  api: HubSpotApi,
  objectType: ObjectType,
  request: FullSyncRequest,
): AsyncGenerator<SyncPage> {
  const endpoint = `GET /crm/v3/objects/${objectType}`;
  const cursorField = cursorFieldFor(objectType);
  const startedAt = Date.now();
  let after = request.resumeFrom?.after;
  let bound: number | null = request.resumeFrom?.ts ?? null;
  let maxSeen: number | null = null;
  let total = 0;
  let firstPage = true;
  log.info({ objectType, resumed: after !== undefined }, 'HubSpot full sync started');

  for (;;) {
    const { page, problems, headers } = await listObjects(api, objectType, {
      limit: hubspotDescriptor.readPageSize,
      properties: request.properties,
      ...(request.associations === undefined ? {} : { associations: request.associations }),
      ...(after === undefined ? {} : { after }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    // Only the first answer of this run dates its start; later pages would move the bound on.
    if (firstPage) bound ??= serverStartBound(headers['date']);
    firstPage = false;

    for (const object of page.results) {
      maxSeen = Math.max(maxSeen ?? 0, modifiedAtMs(object, cursorField, endpoint));
    }
    total += page.results.length;

    const next = page.paging?.next?.after;
    if (next !== undefined && next === after) {
      throw new CrmMlError(
        'hubspot_unexpected_payload',
        `HubSpot ${endpoint} returned the same paging.next.after (${next}) twice`,
      );
    }

    const settled = bound ?? maxSeen ?? 0;
    const cursor: SyncCursor =
      next === undefined
        ? { ts: settled, id: '' }
        : {
            ts: settled,
            id: '',
            after: next,
          };
    const records = page.results.map((object) => toCrmRecord(objectType, object));
    yield { records, deletedIds: [], cursor: encodeCursor(cursor), problems };

    if (next === undefined) break;
    after = next;
  }

  log.info({ objectType, total, durationMs: Date.now() - startedAt }, 'HubSpot full sync done');
}

function serverStartBound(date: string | undefined): number | null {
  if (date === undefined) return null;
  const parsed = Date.parse(date);
  return Number.isNaN(parsed) ? null : Math.max(0, parsed - START_MARGIN_MS);
}
