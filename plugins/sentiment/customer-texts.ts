import type { CrmRecord, PropertyValue } from '../../core/records/crm-record.js';
import type { RelatedRecords } from '../plugin.js';

/** One text written to or about a customer. */
export interface CustomerText {
  /** The note, email, call or ticket it came from. */
  recordId: string;
  /** Its raw text: the record's text properties joined by line breaks. */
  raw: string;
  /** When it was written, in epoch milliseconds. */
  time: number;
}

/** Which properties hold the text and the time of a related record. */
export interface TextPropertyNames {
  textProperties: readonly string[];
  timeProperties: readonly string[];
}

function timeOf(value: PropertyValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  // HubSpot sends timestamps both as ISO strings and as epoch milliseconds in a string.
  const time = /^\d{10,}$/.test(value.trim()) ? Number(value) : Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}

/** The text of a record: each distinct non-blank text property, in the configured order. */
export function recordText(record: CrmRecord, names: TextPropertyNames): string {
  const parts: string[] = [];
  for (const property of names.textProperties) {
    const value = record.properties[property];
    if (typeof value !== 'string' || value.trim() === '' || parts.includes(value)) continue;
    parts.push(value);
  }
  return parts.join('\n');
}

/** When a record was written: the first parseable time property, else `updatedAt`. */
export function recordTime(record: CrmRecord, names: TextPropertyNames): number {
  for (const property of names.timeProperties) {
    const time = timeOf(record.properties[property] ?? null);
    if (time !== undefined) return time;
  }
  return timeOf(record.updatedAt) ?? 0;
}

/**
 * The texts of each customer: every live related record with text, filed under each
 * contact id in its `associations.contacts` (a note about two contacts counts for both).
 */
export function customerTexts(
  related: RelatedRecords | undefined,
  names: TextPropertyNames,
): Map<string, CustomerText[]> {
  const byCustomer = new Map<string, CustomerText[]>();
  for (const records of related?.values() ?? []) {
    for (const record of records) {
      const contacts = record.associations?.contacts ?? [];
      if (record.archived || contacts.length === 0) continue;
      const raw = recordText(record, names);
      if (raw === '') continue;

      const text = { recordId: record.id, raw, time: recordTime(record, names) };
      for (const contactId of new Set(contacts)) {
        const list = byCustomer.get(contactId) ?? [];
        list.push(text);
        byCustomer.set(contactId, list);
      }
    }
  }
  return byCustomer;
}
