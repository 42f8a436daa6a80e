import type { PropertyRow } from './values.js';

function contentKey(row: PropertyRow): string {
  const entries = Object.entries(row)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/**
 * One stable text key per row, for order-independent splits: the row's id when every row
 * has a distinct one, otherwise its content (id first, when there is one). Rows with equal
 * keys are identical, so whichever comes first makes no difference.
 */
export function rowKeys(
  rows: readonly PropertyRow[],
  ids?: readonly (string | undefined)[],
): string[] {
  if (ids && ids.length === rows.length) {
    const usable = ids.every((id) => id !== undefined && id !== '');
    if (usable && new Set(ids).size === ids.length) return ids.map(String);
  }
  return rows.map((row, i) => {
    const id = ids?.[i];
    return id === undefined ? contentKey(row) : `${id}\u0000${contentKey(row)}`;
  });
}

/** Row indices ordered by key (ties keep row order): one canonical order for any input order. */
export function canonicalOrder(keys: readonly string[]): number[] {
  const order = keys.map((_, i) => i);
  return order.sort((a, b) => {
    const ka = keys[a] ?? '';
    const kb = keys[b] ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
}
