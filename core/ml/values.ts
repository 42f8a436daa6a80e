import type { PropertyValue } from '../records/crm-record.js';

/** One record's properties as the feature pipeline reads them. */
export type PropertyRow = Readonly<Record<string, PropertyValue | undefined>>;

/** The category a blank value gets, so "not filled in" can carry signal of its own. */
export const MISSING_CATEGORY = '__missing__';

/** True for null, undefined and strings holding only whitespace. */
export function isBlank(value: PropertyValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  // Most texts start with a printable ASCII character: no need to build a trimmed copy.
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return !value.trim();
}

/** The number a value holds, or undefined for blanks and text that is not a finite number. */
export function parseNumber(value: PropertyValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** The category label of a value; blanks map to `MISSING_CATEGORY`. */
export function categoryOf(value: PropertyValue | undefined): string {
  if (value === null || value === undefined) return MISSING_CATEGORY;
  const text = typeof value === 'string' ? value.trim() : String(value);
  return text || MISSING_CATEGORY;
}
