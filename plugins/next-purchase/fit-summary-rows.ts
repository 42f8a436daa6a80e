import { parseNumber } from '../../core/csv/parse-number.js';
import { CrmMlError, type ErrorDetail } from '../../core/errors/crm-ml-error.js';
import type { CustomerSummary } from './bg-nbd.js';
import { fitBgNbd, type BgNbdFit } from './fit-bg-nbd.js';

/** The columns of a (frequency, recency, T) table, as the BG/NBD literature publishes them. */
export interface SummaryColumns {
  frequency: string;
  recency: string;
  /** T: how long each customer has been observed since the first purchase. */
  age: string;
}

/**
 * Fits BG/NBD on a summary table instead of orders (e.g. the published CDNOW summary). Times
 * stay in the table's unit, so α is in it too. Unreadable numbers stop the fit, named by line.
 */
export function fitSummaryRows(
  rows: readonly Record<string, string>[],
  columns: SummaryColumns,
  options: { seed?: number; firstLine?: number } = {},
): BgNbdFit {
  const problems: ErrorDetail[] = [];
  const customers: CustomerSummary[] = [];
  rows.forEach((row, index) => {
    const line = `line ${index + (options.firstLine ?? 2)}`;
    const value = (column: string): number => {
      const parsed = parseNumber(row[column] ?? '');
      if (parsed === null)
        problems.push({
          path: `${line}, ${column}`,
          message: `not a number: '${row[column] ?? ''}'`,
        });
      return parsed ?? 0;
    };
    customers.push({
      frequency: value(columns.frequency),
      recency: value(columns.recency),
      age: value(columns.age),
    });
  });
  if (problems.length > 0) {
    throw new CrmMlError(
      'next_purchase_summary_invalid',
      `${problems.length} unreadable value(s) in the summary table, first at ${problems[0]?.path}`,
      { details: problems.slice(0, 20) },
    );
  }
  return fitBgNbd(customers, { seed: options.seed ?? 42 });
}
