import type { Generated } from 'kysely';

// Column conventions, chosen so one schema runs on SQLite and PostgreSQL alike:
// JSON is `text`, timestamps are ISO 8601 UTC `text` (they sort as strings), flags are
// integer 0/1, and generated ids are the only dialect-specific columns.

export interface ConnectionTable {
  id: string;
  crm: string;
  label: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface RecordTable {
  connection_id: string;
  object_type: string;
  id: string;
  properties: string;
  raw: string | null;
  updated_at: string;
  archived: number;
  content_hash: string;
  changed_at: string;
  synced_at: string;
}

export interface CursorTable {
  connection_id: string;
  object_type: string;
  cursor: string;
  updated_at: string;
}

export interface ModelTable {
  id: Generated<number>;
  connection_id: string;
  plugin_id: string;
  version: number;
  config: string;
  weights: string;
  metrics: string;
  trained_at: string;
  created_at: string;
}

export interface ScoreTable {
  model_id: number;
  connection_id: string;
  plugin_id: string;
  record_id: string;
  score: number;
  field_values: string;
  scored_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  connection_id: string;
  object_type: string;
  record_id: string;
  plugin_id: string;
  field_values: string;
  model_version: number;
  scored_at: string;
  status: string;
  attempts: number;
  last_error_code: string | null;
  last_error_message: string | null;
  created_at: string;
  updated_at: string;
  written_at: string | null;
}

export interface WritebackStateTable {
  connection_id: string;
  object_type: string;
  record_id: string;
  plugin_id: string;
  field_values: string;
  model_version: number;
  scored_at: string;
  written_at: string;
  outbox_id: number;
}

export interface RunTable {
  id: Generated<number>;
  connection_id: string;
  kind: string;
  status: string;
  summary: string | null;
  started_at: string;
  finished_at: string | null;
}

/** The store's tables as Kysely sees them. */
export interface Database {
  connections: ConnectionTable;
  records: RecordTable;
  cursors: CursorTable;
  models: ModelTable;
  scores: ScoreTable;
  outbox: OutboxTable;
  writeback_state: WritebackStateTable;
  runs: RunTable;
}

export type StoreDialect = 'sqlite' | 'postgres';
