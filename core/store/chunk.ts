// SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535; staying well
// under both keeps one code path for either database.
const MAX_PARAMETERS = 30_000;

// Larger statements stop paying off long before the limit, and cost memory to build.
const MAX_ROWS = 1_000;

/** How many rows of `columns` values one multi-row statement may carry. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)));
}

/** Splits `items` into consecutive slices of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    slices.push(items.slice(start, start + size));
  }
  return slices;
}
