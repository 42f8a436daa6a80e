import { CrmMlError } from '../errors/crm-ml-error.js';
import { SeededRandom } from '../ml/random.js';
import { inferColumnKind, type ColumnKind } from './column-kind.js';
import { calibrateCopula } from './calibrate-copula.js';
import { correlationOf, type GaussianCopula } from './gaussian-copula.js';
import { fitMarginal, type Marginal } from './marginal.js';
import { normalScores, orderCategories } from './normal-scores.js';
import { findProductRelations, type ProductRelation } from './product-relations.js';
import { findStructuralValues, type StructuralValue } from './structural-values.js';

/** A warning about one column of the learned table, with a stable code. */
export interface SynthWarning {
  code: string;
  path: string;
  message: string;
}

/** How each column of the source table is reproduced. */
export type ColumnPlan =
  | { column: string; kind: 'identifier' | 'email' | 'empty' }
  | {
      column: string;
      kind: 'number' | 'date' | 'category';
      marginal: Marginal;
      copulaIndex: number;
    };

/** What `fitCustomerModel` learned: per-column marginals joined by a Gaussian copula. */
export interface CustomerModel {
  columns: readonly ColumnPlan[];
  /** The marginals in copula order (`ColumnPlan.copulaIndex`). */
  marginals: readonly Marginal[];
  copula: GaussianCopula;
  /** Categories set by rules from another column (see `StructuralValue`). */
  structural: readonly StructuralValue[];
  /** Number columns written as the product of two others times a learned ratio. */
  products: readonly ProductRelation[];
  /** Rows learned from. */
  rows: number;
  warnings: readonly SynthWarning[];
}

/**
 * Learns a generative model of a customer table (CSV rows, '' for blank): an empirical
 * marginal per column (quantiles for numbers and dates, frequencies for categories, the share
 * of blanks) and a Gaussian copula over the correlation of the columns' normal scores, so
 * relations between columns (tenure and total charges, contract and churn) carry over; a
 * category that follows exactly from another column's value ("No internet service") is kept
 * as a rule.
 * Identifier and email columns are never learned: generation writes fresh fake values.
 * Deterministic for a seed.
 *
 * Throws `synth_no_rows` for an empty table and `synth_no_columns` when no column has values;
 * a column with no values is kept blank and reported as `synth_column_empty`.
 *
 * @example const model = fitCustomerModel(table.columns, table.rows, { seed: 7 });
 */
export function fitCustomerModel(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, string>>[],
  options: { seed: number },
): CustomerModel {
  if (rows.length === 0) throw new CrmMlError('synth_no_rows', 'The customer table has no rows');

  const warnings: SynthWarning[] = [];
  const plans: ColumnPlan[] = [];
  const marginals: Marginal[] = [];
  const cells = new Map(columns.map((column) => [column, rows.map((row) => row[column] ?? '')]));
  const kinds = new Map(
    columns.map((column) => [column, inferColumnKind(cells.get(column) ?? [])]),
  );
  const structural = findStructuralValues(
    new Map([...cells].filter(([column]) => kinds.get(column) === 'category')),
  );
  for (const column of columns) {
    const values = cells.get(column) ?? [];
    const kind: ColumnKind = kinds.get(column) ?? 'empty';
    if (kind === 'identifier' || kind === 'email' || kind === 'empty') {
      if (kind === 'empty') warnings.push(emptyColumnWarning(column));
      plans.push({ column, kind });
      continue;
    }
    const rule = structural.find((candidate) => candidate.column === column);
    const marginal = fitMarginal(column, kind, values, rule?.value);
    plans.push({ column, kind, marginal, copulaIndex: marginals.length });
    marginals.push(marginal);
    warnings.push(...unreadableCellWarnings(column, values, marginal));
  }
  if (marginals.length === 0 && !plans.some((plan) => plan.kind !== 'empty')) {
    throw new CrmMlError('synth_no_columns', 'No column of the customer table has any value', {
      details: columns.map((column) => ({ path: column, message: 'every cell is blank' })),
    });
  }

  const random = new SeededRandom(options.seed);
  orderCategories(marginals, rows, random.fork());
  const scores = normalScores(marginals, rows, random.fork());
  const correlation = correlationOf(scores, rows.length, marginals.length);
  const copula = calibrateCopula(marginals, correlation, rows.length, random.fork(), structural);
  const products = findProductRelations(numericCells(plans, cells), numberColumns(plans));
  return { columns: plans, marginals, copula, structural, products, rows: rows.length, warnings };
}

/** The cells of every column whose values are numbers (number kind or numeric categories). */
function numericCells(
  plans: readonly ColumnPlan[],
  cells: ReadonlyMap<string, readonly string[]>,
): Map<string, readonly string[]> {
  const numeric = plans.filter(
    (plan) =>
      'marginal' in plan &&
      (plan.marginal.kind === 'number' ||
        (plan.marginal.kind === 'category' && plan.marginal.numericValues)),
  );
  return new Map(numeric.map((plan) => [plan.column, cells.get(plan.column) ?? []]));
}

function numberColumns(plans: readonly ColumnPlan[]): Set<string> {
  return new Set(
    plans.filter((plan) => 'marginal' in plan && plan.kind === 'number').map((p) => p.column),
  );
}

function emptyColumnWarning(column: string): SynthWarning {
  return {
    code: 'synth_column_empty',
    path: column,
    message: `column '${column}' has no value in any row; it is written blank`,
  };
}

function unreadableCellWarnings(
  column: string,
  values: readonly string[],
  marginal: Marginal,
): SynthWarning[] {
  if (marginal.kind === 'category') return [];
  const unread = values.filter((value) => value !== '').length - marginal.sorted.length;
  if (unread === 0) return [];
  return [
    {
      code: 'synth_cells_unreadable',
      path: column,
      message:
        `${unread} values of ${marginal.kind} column '${column}' are not a ${marginal.kind}; ` +
        'they count as blank',
    },
  ];
}
