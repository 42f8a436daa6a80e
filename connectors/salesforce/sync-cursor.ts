import { z } from 'zod';

import { jsonCursorCodec } from '../shared/json-cursor.js';

/**
 * Where a Salesforce sync stands: every record with SystemModstamp < ts, or = ts and Id <= id,
 * has been yielded. Ids are compared as SOQL compares them (as strings), so the pair is a total
 * order and thousands of records sharing one SystemModstamp cannot be skipped.
 */
export interface SyncCursor {
  /** ISO 8601, UTC. */
  ts: string;
  id: string;
}

const cursorSchema = z.object({
  v: z.literal(1),
  connector: z.literal('salesforce'),
  ts: z.iso.datetime(),
  id: z.string().regex(/^[A-Za-z0-9]{15,18}$/),
});

const codec = jsonCursorCodec(cursorSchema, 'salesforce_invalid_cursor', 'Salesforce');

export function encodeCursor(cursor: SyncCursor): string {
  return codec.encode({ v: 1, connector: 'salesforce', ts: cursor.ts, id: cursor.id });
}

export function decodeCursor(text: string): SyncCursor {
  const { ts, id } = codec.decode(text);
  return { ts, id };
}
