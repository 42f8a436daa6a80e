/** The describe `type` values the sandbox knows, as Salesforce names them. */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'address';

/** One field of an sObject, with the describe attributes the sandbox enforces. */
export interface FieldDefinition {
  name: string;
  label: string;
  type: FieldType;
  custom: boolean;
  /** Text fields: maximum characters. */
  length: number;
  /** Numbers: total digits and digits after the point. */
  precision: number;
  scale: number;
  picklistValues: readonly string[];
  /** A restricted picklist refuses values outside `picklistValues`. */
  restrictedPicklist: boolean;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  externalId: boolean;
  referenceTo: readonly string[];
  /** Set on the parts of a compound field, e.g. 'MailingAddress' on MailingCity. */
  compoundFieldName: string | null;
  /** The Tooling API CustomField id, for custom fields only. */
  toolingId: string | null;
  /** When a custom field was created (Tooling API CreatedDate). */
  createdDate: string | null;
  description: string | null;
}

/** The stored value of one field: text, number, boolean or null (unset). */
export type FieldValue = string | number | boolean | null;

const DEFAULTS: Omit<FieldDefinition, 'name' | 'label' | 'type'> = {
  custom: false,
  length: 0,
  precision: 0,
  scale: 0,
  picklistValues: [],
  restrictedPicklist: false,
  createable: true,
  updateable: true,
  nillable: true,
  externalId: false,
  referenceTo: [],
  compoundFieldName: null,
  toolingId: null,
  createdDate: null,
  description: null,
};

/** A field definition with Salesforce's defaults for whatever `overrides` leaves out. */
export function defineField(
  name: string,
  type: FieldType,
  label: string,
  overrides: Partial<FieldDefinition> = {},
): FieldDefinition {
  return { ...DEFAULTS, name, type, label, ...overrides };
}

/** System fields are set by the platform only, never by a write. */
export function systemField(name: string, type: FieldType, label: string): FieldDefinition {
  return defineField(name, type, label, { createable: false, updateable: false });
}
