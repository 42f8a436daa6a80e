import type { CrmRecord, ObjectType } from '../records/crm-record.js';
import type { RecordRow } from '../store/record-rows.js';
import type { EncodedScores } from './encoded-scores.js';

/**
 * How a batch crosses to a scoring thread and back. A message is copied, and copying five
 * thousand row objects (or score objects) cost about as much as scoring them; one string
 * and two typed arrays cost a memory copy. The stored JSON of each record goes into the
 * batch text as it is, so the main thread never parses it.
 */

/** A batch of stored rows as one JSON array of `[id, type, properties, links, updated, archived]`. */
export function packRows(rows: readonly RecordRow[]): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RecordRow;
    // Id and timestamp are CRM data, quoted properly; the type is one of ours, a plain word.
    const id = JSON.stringify(row.id);
    const updatedAt = JSON.stringify(row.updated_at);
    const links = row.associations ?? 'null';
    parts[i] =
      `[${id},"${row.object_type}",${row.properties},${links},${updatedAt},${row.archived}]`;
  }
  return `[${parts.join(',')}]`;
}

type Links = NonNullable<CrmRecord['associations']>;
type PackedRow = [string, ObjectType, CrmRecord['properties'], Links | null, string, number];

/** The records of a `packRows` text, as `toCrmRecord` gives them. */
export function unpackRows(text: string): CrmRecord[] {
  const packed = JSON.parse(text) as PackedRow[];
  return packed.map(([id, objectType, properties, associations, updatedAt, archived]) => {
    const record: CrmRecord = { id, objectType, properties, updatedAt, archived: archived === 1 };
    if (associations !== null) record.associations = associations;
    return record;
  });
}

/**
 * A thread's scores: for each scored record its row's position in the batch, its score, and
 * its values' JSON, joined by NUL (JSON text never holds a raw NUL: it is escaped).
 */
export interface PackedScores {
  rows: Int32Array;
  scores: Float64Array;
  values: string;
}

const SEPARATOR = '\u0000';

/** Packs `scores` of the `records` a batch held; each scored record must be among them. */
export function packScores(records: readonly CrmRecord[], scores: EncodedScores): PackedScores {
  const position = new Map(records.map((record, index) => [record.id, index]));
  const rows = new Int32Array(scores.recordIds.length);
  scores.recordIds.forEach((id, i) => {
    const at = position.get(id);
    if (at === undefined) throw new Error(`the model scored record ${id}, not in its batch`);
    rows[i] = at;
  });
  return { rows, scores: scores.scores, values: scores.values.join(SEPARATOR) };
}

/** The `EncodedScores` of a packed answer to a batch whose rows had the ids `rowIds`. */
export function unpackScores(rowIds: readonly string[], packed: PackedScores): EncodedScores {
  const recordIds = Array.from(packed.rows, (at) => rowIds[at] as string);
  const values = recordIds.length === 0 ? [] : packed.values.split(SEPARATOR);
  return { recordIds, scores: packed.scores, values };
}
