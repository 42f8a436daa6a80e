import type { CrmRecord } from '../../../core/records/crm-record.js';
import type { RecordRow } from '../../../core/store/record-rows.js';

/** A record as the store keeps it: properties as JSON text. */
export function storedRow(record: CrmRecord): RecordRow {
  return {
    id: record.id,
    object_type: record.objectType,
    properties: JSON.stringify(record.properties),
    associations: null,
    updated_at: record.updatedAt,
    archived: 0,
  };
}
