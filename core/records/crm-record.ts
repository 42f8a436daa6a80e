/** The object types crm-ml reads, named once for every CRM. */
export const OBJECT_TYPES = [
  'contacts',
  'leads',
  'companies',
  'deals',
  'line_items',
  'tickets',
  'notes',
  'emails',
  'calls',
  'meetings',
  'orders',
] as const;

export type ObjectType = (typeof OBJECT_TYPES)[number];

/** A property value as crm-ml keeps it: CRMs send strings, numbers, booleans or nothing. */
export type PropertyValue = string | number | boolean | null;

/**
 * One CRM record in the canonical shape every connector produces.
 * `properties` keeps the CRM's own property names; `updatedAt` is the CRM's last-modified
 * time (ISO 8601, UTC), the field incremental sync orders by.
 */
export interface CrmRecord {
  id: string;
  objectType: ObjectType;
  properties: Record<string, PropertyValue>;
  updatedAt: string;
  archived: boolean;
  /**
   * Links to other records by object type, e.g. an order's `{ contacts: ['12'] }`: how notes,
   * orders and tickets find their customer. Absent when the connector read none.
   */
  associations?: Partial<Record<ObjectType, string[]>>;
  /** The payload as the CRM sent it, kept for audit and re-normalisation. */
  raw?: unknown;
}
