// HubSpot-defined association types from each engagement or commerce object to contacts, as
// HubSpot's associations v4 docs list them; v3 reads name them `<from>_to_<to>`.
const TYPE_IDS_TO_CONTACTS: Readonly<Record<string, number>> = {
  companies: 280,
  deals: 3,
  tickets: 16,
  calls: 194,
  emails: 198,
  notes: 202,
  orders: 507,
};

// The reverse direction (contact → object), as HubSpot lists it.
const TYPE_IDS_FROM_CONTACTS: Readonly<Record<string, number>> = {
  companies: 279,
  deals: 4,
  tickets: 15,
  calls: 193,
  emails: 197,
  notes: 201,
  orders: 508,
};

function singular(objectType: string): string {
  if (objectType.endsWith('ies')) return `${objectType.slice(0, -3)}y`;
  return objectType.replace(/s$/, '');
}

/** The v3 association type name, e.g. `note_to_contact`. */
export function associationTypeName(fromType: string, toType: string): string {
  return `${singular(fromType)}_to_${singular(toType)}`;
}

/**
 * The numeric HubSpot-defined type id for a direction, as v4 reports it; 0 for a pair this
 * table does not list.
 */
export function associationTypeId(fromType: string, toType: string): number {
  if (toType === 'contacts') return TYPE_IDS_TO_CONTACTS[fromType] ?? 0;
  if (fromType === 'contacts') return TYPE_IDS_FROM_CONTACTS[toType] ?? 0;
  return 0;
}
