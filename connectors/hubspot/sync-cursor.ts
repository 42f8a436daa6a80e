import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';

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

/** The opaque string saved between runs. */
export function encodeCursor(cursor: SyncCursor): string {
  const encoded: z.infer<typeof cursorSchema> = { v: 1, ts: cursor.ts, id: cursor.id };
  if (cursor.after !== undefined) encoded.after = cursor.after;
  return JSON.stringify(encoded);
}

export function decodeCursor(text: string): SyncCursor {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }

  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) {
    throw new CrmMlError(
      'hubspot_invalid_cursor',
      `Not a HubSpot sync cursor: ${text.slice(0, 80)}; run a full sync (cursor null) instead`,
    );
  }
  const { ts, id, after } = parsed.data;
  return after === undefined ? { ts, id } : { ts, id, after };
}
