import type { ConnectorDescriptor } from '../connector.js';
import type { ObjectType } from '../../core/records/crm-record.js';

/** The CSV connector's facts; it serves the one object type its file holds. */
export function createCsvDescriptor(objectType: ObjectType): ConnectorDescriptor {
  return {
    id: 'csv',
    label: 'CSV file',
    objectTypes: [objectType],
    // Pages are only a memory bound here: a file has no API page limit.
    readPageSize: 500,
    writeBatchSize: 10_000,
    // Changes are detected per file (size, mtime, SHA-256), not per record.
    cursorField: '(file)',
  };
}
