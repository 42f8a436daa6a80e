/** One record as the REST/JSON CRM sends it. */
export interface WireRecord {
  id: string;
  /** ISO 8601 with milliseconds; many records may share one. */
  updated_at: string;
  /** Sent only by change reads (`updated_since`): a tombstone of a deleted record. */
  deleted: boolean;
  fields: Record<string, string | number | boolean | null>;
}

/** A position in (updated_at, id) order: every record at or before it has been read. */
export interface Position {
  since: string;
  after: string;
}
