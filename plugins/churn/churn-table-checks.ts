import { isBookkeeping } from '../../core/ml/column-inference.js';
import { isBlank, parseNumber } from '../../core/ml/values.js';

// Without a configured positive value, only these read as a label; anything else is unclear.
const RECOGNISED_LABELS = new Set(['yes', 'no', 'true', 'false', '1', '0']);
// A column is numeric when at least this share of its filled values parse (as in inference).
const NUMERIC_SHARE = 0.5;
const LINES_SHOWN = 5;

export interface ChurnTableCheckOptions {
  target: string;
  positive?: string;
  /** Columns that are not features (the id, exclusions). */
  exclude: readonly string[];
  /** The file line of each row; row i is on line i + 2 (after a header) when absent. */
  lines?: readonly number[];
}

/** Rows whose label cannot be read, and one warning per problem with where it is. */
export interface ChurnTableCheck {
  unlabelled: ReadonlySet<number>;
  warnings: string[];
  /** Columns with a non-numeric-values warning here, so inference's vaguer one is dropped. */
  reportedColumns: ReadonlySet<string>;
}

/**
 * Checks a labelled table before churn training. Without `positive`, target values other than
 * yes/no, true/false or 1/0 (any case) make their rows unlabelled; with it, every other value
 * means not churned. A column where at least half of the filled values are numbers is numeric,
 * and its other values are reported and treated as missing.
 */
export function checkChurnTable(
  rows: readonly Record<string, string>[],
  options: ChurnTableCheckOptions,
): ChurnTableCheck {
  const lineOf = (index: number): number => options.lines?.[index] ?? index + 2;
  const warnings: string[] = [];
  const unlabelled = new Set<number>();
  const reportedColumns = new Set<string>();

  if (options.positive === undefined) {
    rows.forEach((row, index) => {
      const value = row[options.target];
      if (!isBlank(value) && !RECOGNISED_LABELS.has(String(value).trim().toLowerCase())) {
        unlabelled.add(index);
      }
    });
    if (unlabelled.size > 0) {
      const indices = [...unlabelled];
      warnings.push(
        `${options.target}: ${indices.length} values are not yes/no, true/false or 1/0 ` +
          `(e.g. '${rows[indices[0] ?? 0]?.[options.target] ?? ''}'), rows left unlabelled: ` +
          `${linesText(indices.map(lineOf))}; set --positive to count them as not churned`,
      );
    }
  }

  const skip = new Set([options.target, ...options.exclude]);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  for (const column of columns.filter((name) => !skip.has(name) && !isBookkeeping(name))) {
    const bad: number[] = [];
    let filled = 0;
    rows.forEach((row, index) => {
      if (isBlank(row[column])) return;
      filled += 1;
      if (parseNumber(row[column]) === undefined) bad.push(index);
    });
    if (bad.length === 0 || filled - bad.length < NUMERIC_SHARE * filled) continue;

    reportedColumns.add(column);
    warnings.push(
      `${column}: ${bad.length} non-numeric values treated as missing ` +
        `(e.g. '${rows[bad[0] ?? 0]?.[column] ?? ''}'): ${linesText(bad.map(lineOf))}`,
    );
  }
  return { unlabelled, warnings, reportedColumns };
}

function linesText(lines: readonly number[]): string {
  const shown = lines.slice(0, LINES_SHOWN).join(', ');
  return `line${lines.length === 1 ? '' : 's'} ${shown}${lines.length > LINES_SHOWN ? ', …' : ''}`;
}
