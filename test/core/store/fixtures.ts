import { randomUUID } from 'node:crypto';

import type { SyncPage } from '../../../connectors/connector.js';
import type { CrmRecord, PropertyValue } from '../../../core/records/crm-record.js';

/** A connection id no other test uses, so tests can share one database. */
export function uniqueConnectionId(): string {
  return `conn-${randomUUID()}`;
}

export function contact(
  id: string,
  properties: Record<string, PropertyValue>,
  updatedAt = '2024-05-01T10:00:00.000Z',
): CrmRecord {
  return {
    id,
    objectType: 'contacts',
    properties,
    updatedAt,
    archived: false,
    raw: { id, properties, updatedAt },
  };
}

export function page(records: CrmRecord[], cursor: string, deletedIds: string[] = []): SyncPage {
  return { records, deletedIds, cursor };
}

/** Zero-padded ids, so id order and numeric order agree in every collation. */
export function paddedId(n: number): string {
  return `r${String(n).padStart(7, '0')}`;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
