import type { FieldValue } from './field-definition.js';

/**
 * One stored record. Records are replaced, never mutated, on every write, so a query cursor
 * or a bulk job holding the old object keeps the snapshot Salesforce would serve.
 */
export interface SandboxRecord {
  readonly id: string;
  /** The sObject API name, e.g. 'Contact'. */
  readonly type: string;
  /** Field values by canonical API name, including Id, IsDeleted and the audit fields. */
  readonly values: Readonly<Record<string, FieldValue>>;
}

/** A value a test may hand to `sandbox.data`: Dates become date or datetime values. */
export type SandboxInput = FieldValue | Date;

export function isDeleted(record: SandboxRecord): boolean {
  return record.values['IsDeleted'] === true;
}
