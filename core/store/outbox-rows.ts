import type { ObjectType, PropertyValue } from '../records/crm-record.js';
import { decodeJson } from './column-codec.js';
import type { OutboxTable } from './database-schema.js';

/** Where an outbox entry is: `superseded` and `failed` entries are never handed out again. */
export type OutboxStatus = 'pending' | 'written' | 'superseded' | 'failed';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = [
  'pending',
  'written',
  'superseded',
  'failed',
];

/** One planned write of a plugin's fields onto one CRM record. */
export interface OutboxItem {
  connectionId: string;
  objectType: ObjectType;
  recordId: string;
  pluginId: string;
  values: Record<string, PropertyValue>;
  modelVersion: number;
  /** When the values were computed; decides which of two writes is the fresher. */
  scoredAt: string;
}

export interface OutboxEntry extends OutboxItem {
  id: number;
  status: OutboxStatus;
  /** Failed attempts so far. */
  attempts: number;
  lastError: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
  writtenAt: string | null;
}

/** What the CRM last received for one record and plugin. */
export interface WrittenState {
  values: Record<string, PropertyValue>;
  modelVersion: number;
  scoredAt: string;
  writtenAt: string;
}

export type OutboxRow = Omit<OutboxTable, 'id'> & { id: number };

export function toOutboxEntry(row: OutboxRow): OutboxEntry {
  return {
    id: Number(row.id),
    connectionId: row.connection_id,
    objectType: row.object_type as ObjectType,
    recordId: row.record_id,
    pluginId: row.plugin_id,
    values: decodeJson<Record<string, PropertyValue>>(row.field_values),
    modelVersion: row.model_version,
    scoredAt: row.scored_at,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    lastError:
      row.last_error_code === null
        ? null
        : { code: row.last_error_code, message: row.last_error_message ?? '' },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    writtenAt: row.written_at,
  };
}

/** The identity of "the same write": one plugin's fields on one record. */
export function outboxKey(item: Pick<OutboxItem, 'objectType' | 'recordId' | 'pluginId'>): string {
  return JSON.stringify([item.objectType, item.pluginId, item.recordId]);
}
