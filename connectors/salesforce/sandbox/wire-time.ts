const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_PATTERN =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/** REST JSON datetimes: millisecond precision and a `+0000` offset, never `Z`. */
export function formatDateTime(at: Date | number): string {
  return new Date(at).toISOString().replace('Z', '+0000');
}

/** Bulk API CSV and SOAP datetimes use the `Z` form. */
export function formatDateTimeZulu(stored: string): string {
  return stored.replace('+0000', 'Z');
}

/** Epoch ms of an ISO-8601 datetime with Z, ±hh:mm or ±hhmm (none means UTC), else NaN. */
export function parseDateTime(text: string): number {
  const match = DATETIME_PATTERN.exec(text.trim());
  if (match === null) return Number.NaN;
  const zone = match[3] ?? 'Z';
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return Date.parse(`${match[1]}T${match[2]}${offset}`);
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(text);
}
