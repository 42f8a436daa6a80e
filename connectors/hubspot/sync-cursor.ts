import { z } from 'zod';

import { jsonCursorCodec } from '../shared/json-cursor.js';

/**
 * Where a HubSpot sync stands.
 * - `ts`, `id`: every record with last-modified < ts, or = ts and id <= id, has been yielded
 *   (an empty id means none at ts yet).
 * - `after`: set while a full sync is under way; resuming continues the list from that page,
 *   and `ts` is then the bound the full sync will hand to incremental sync.
 */
export interface SyncCursor {
  ts: number;
  id: string;
  after?: string;
}

const cursorSchema = z.object({
  v: z.literal(1),
  ts: z.number().int().nonnegative(),
  id: z.string().regex(/^\d*$/),
  after: z.string().min(1).optional(),
});

const codec = jsonCursorCodec(cursorSchema, 'hubspot_invalid_cursor', 'HubSpot');

/** The opaque string saved between runs. */
export function encodeCursor(cursor: SyncCursor): string {
  const encoded: z.infer<typeof cursorSchema> = { v: 1, ts: cursor.ts, id: cursor.id };
  if (cursor.after !== undefined) encoded.after = cursor.after;
  return codec.encode(encoded);
}

export function decodeCursor(text: string): SyncCursor {
  const { ts, id, after } = codec.decode(text);
  return after === undefined ? { ts, id } : { ts, id, after };
}
