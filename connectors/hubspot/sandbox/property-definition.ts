/** Property value types the sandbox models (HubSpot's `type` field). */
export type PropertyType = 'string' | 'number' | 'enumeration' | 'datetime' | 'date' | 'bool';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string | undefined;
}

/** One property definition as the sandbox keeps it and `GET /crm/v3/properties` sends it. */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  /** HubSpot-computed (hs_object_id, lastmodifieddate): writes to it are rejected. */
  readOnlyValue: boolean;
  hubspotDefined: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

/** Which `fieldType`s HubSpot accepts for each `type` when a property is created. */
export const FIELD_TYPES_BY_TYPE: Readonly<Record<PropertyType, readonly string[]>> = {
  string: ['text', 'textarea', 'phonenumber', 'html', 'file'],
  number: ['number', 'calculation_equation'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  datetime: ['date'],
  date: ['date'],
  bool: ['booleancheckbox'],
};

export const PROPERTY_TYPES = Object.keys(FIELD_TYPES_BY_TYPE) as PropertyType[];

/**
 * The properties bumped on every change. HubSpot names it `lastmodifieddate` on contacts and
 * `hs_lastmodifieddate` on other types; the sandbox serves `lastmodifieddate` on every type too,
 * so one connector code path works everywhere.
 */
export function modifiedDateProperties(objectType: string): readonly string[] {
  return objectType === 'contacts'
    ? ['lastmodifieddate']
    : ['lastmodifieddate', 'hs_lastmodifieddate'];
}

/** True for a property derived from the record's last-modified time. */
export function isModifiedDateProperty(objectType: string, name: string): boolean {
  return (
    name === 'lastmodifieddate' || (objectType !== 'contacts' && name === 'hs_lastmodifieddate')
  );
}

/** Properties compared as epoch milliseconds in search filters and sorts. */
export function isTimeType(type: PropertyType): boolean {
  return type === 'datetime' || type === 'date';
}
