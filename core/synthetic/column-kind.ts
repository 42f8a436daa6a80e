import { parseNumber } from '../csv/parse-number.js';

/**
 * How a column is modelled. `identifier`: unique text such as an id or a name, never copied
 * (fresh fake values are written instead); `email`: the same, with fake addresses; `empty`:
 * no value in any row; `number` and `date`: empirical quantiles; `category`: frequencies.
 */
export type ColumnKind = 'identifier' | 'email' | 'empty' | 'number' | 'date' | 'category';

// A numeric column with this few distinct values (flags, ratings) keeps them exactly.
const MAX_NUMERIC_CATEGORIES = 12;
// Text with more distinct values than this share of the filled rows is a key or free text.
const IDENTIFIER_DISTINCT_SHARE = 0.5;
// Columns are typed by what most of their values are; the rest are reported and left blank.
const TYPE_AGREEMENT = 0.95;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The kind of a column, judged from its filled values. */
export function inferColumnKind(values: readonly string[]): ColumnKind {
  const filled = values.filter((value) => value !== '');
  if (filled.length === 0) return 'empty';

  const agree = (test: (value: string) => boolean): boolean =>
    filled.filter(test).length >= TYPE_AGREEMENT * filled.length;
  if (agree((value) => EMAIL_PATTERN.test(value))) return 'email';

  const distinct = new Set(filled).size;
  if (agree((value) => parseNumber(value) !== null)) {
    return distinct <= MAX_NUMERIC_CATEGORIES ? 'category' : 'number';
  }
  if (agree((value) => DATE_PATTERN.test(value) && Number.isFinite(Date.parse(value)))) {
    return 'date';
  }
  const identifierLike = distinct > IDENTIFIER_DISTINCT_SHARE * filled.length && distinct > 20;
  return identifierLike ? 'identifier' : 'category';
}

/** The value of a cell as a number for a `number` or `date` column, or null if it has none. */
export function cellNumber(kind: 'number' | 'date', value: string): number | null {
  if (value === '') return null;
  if (kind === 'number') return parseNumber(value);
  if (!DATE_PATTERN.test(value)) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : null;
}
