import type { PropertyValue } from '../records/crm-record.js';

/** One record's properties as the feature pipeline reads them. */
export type PropertyRow = Readonly<Record<string, PropertyValue | undefined>>;

/** The category a blank value gets, so "not filled in" can carry signal of its own. */
export const MISSING_CATEGORY = '__missing__';

/** True for null, undefined and strings holding only whitespace. */
export function isBlank(value: PropertyValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && !value.trim());
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
