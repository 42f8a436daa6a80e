import { isModifiedDateProperty } from './property-definition.js';

/** A value a test may hand to SandboxData; stored as HubSpot does, as a string. */
export type SandboxValue = string | number | boolean | null;

/** One record as the sandbox stores it. Times are epoch ms; unset properties are absent. */
export interface SandboxRecord {
  readonly id: string;
  readonly objectType: string;
  readonly properties: Map<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt: number | null;
  /** Linked records by their object type, e.g. `contacts` → ids; kept on both ends. */
  readonly associations: Map<string, Set<string>>;
}

/**
 * The current value of one property, or null when unset. `hs_object_id`, `createdate` and the
 * last-modified property are derived from the record so they can never drift from it.
 */
export function propertyValue(record: SandboxRecord, name: string): string | null {
  if (name === 'hs_object_id') return record.id;
  if (name === 'createdate') return new Date(record.createdAt).toISOString();
  if (isModifiedDateProperty(record.objectType, name)) {
    return new Date(record.updatedAt).toISOString();
  }
  return record.properties.get(name) ?? null;
}

/** The stored string for a test-supplied value; null and '' mean "unset", as in HubSpot. */
export function toStoredValue(value: SandboxValue): string | null {
  if (value === null || value === '') return null;
  return typeof value === 'string' ? value : String(value);
}

/** Epoch ms from a HubSpot time value: epoch ms digits or ISO 8601. NaN when neither. */
export function toEpochMs(text: string): number {
  return /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
}
