import { SeededRandom } from '../ml/random.js';
import { toPropertyName } from '../records/property-name.js';
import { applyStructuralValues } from './calibrate-copula.js';
import type { CustomerModel } from './fit-customer-model.js';
import { sampleScores } from './gaussian-copula.js';
import { valueAt } from './marginal.js';
import { normalCdf } from './normal-distribution.js';
import { relatedValue } from './product-relations.js';

/** One synthetic customer: column → cell text ('' for blank). */
export type SyntheticRow = Record<string, string>;

/** The column added to hold each customer's key when the source table has no identifier. */
export const ADDED_KEY_COLUMN = 'customer_id';

/** Fake addresses live under the domain reserved for examples (RFC 2606), never a real one. */
export const FAKE_EMAIL_DOMAIN = 'example.com';

/** The key of the customer at `index` (0-based): `customer-0000001`, … */
export function customerKey(index: number): string {
  return `customer-${String(index + 1).padStart(7, '0')}`;
}

/** The columns synthetic customers are written with: the source's, plus a key if it had none. */
export function outputColumns(model: CustomerModel): string[] {
  const columns = model.columns.map((plan) => plan.column);
  return keyColumnOf(model) === null ? [...columns, ADDED_KEY_COLUMN] : columns;
}

/** The column holding each customer's key: the first identifier column, else the added one. */
export function customerKeyColumn(model: CustomerModel): string {
  return keyColumnOf(model) ?? ADDED_KEY_COLUMN;
}

/**
 * Streams `count` synthetic customers in chunks of `chunkSize`, so a million rows never sit
 * in memory together. Each row draws correlated normal scores from the copula and maps each
 * through its column's marginal; identifier columns get `customer-0000001`-style values and
 * email columns `customer-0000001@example.com`. The same model, count and seed give the same
 * rows.
 */
export function* sampleCustomers(
  model: CustomerModel,
  count: number,
  options: { seed: number; chunkSize: number },
): Generator<SyntheticRow[]> {
  const random = new SeededRandom(options.seed);
  // Ratios of product relations are noise around 1, drawn apart from the copula's scores.
  const ratios = random.fork();
  const dimension = model.copula.dimension;
  const independent = new Float64Array(dimension);
  const scores = new Float64Array(dimension);
  const keyColumn = customerKeyColumn(model);
  const slugs = new Map(model.columns.map((plan) => [plan.column, slugOf(plan.column)]));

  let chunk: SyntheticRow[] = [];
  for (let index = 0; index < count; index++) {
    sampleScores(model.copula, random, independent, scores);
    const key = customerKey(index);
    const row: SyntheticRow = {};
    for (const plan of model.columns) {
      if ('marginal' in plan) {
        row[plan.column] = valueAt(plan.marginal, normalCdf(scores[plan.copulaIndex] ?? 0));
      } else if (plan.kind === 'email') row[plan.column] = `${key}@${FAKE_EMAIL_DOMAIN}`;
      else if (plan.kind === 'identifier') {
        row[plan.column] = plan.column === keyColumn ? key : `${slugs.get(plan.column)}-${key}`;
      } else row[plan.column] = '';
    }
    if (keyColumn === ADDED_KEY_COLUMN) row[ADDED_KEY_COLUMN] = key;
    chunk.push(row);
    applyStructuralValues([row], model.structural);
    applyProductRelations(row, model, ratios);

    if (chunk.length === options.chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

// After the factors are written: each related column becomes their product times a ratio.
function applyProductRelations(
  row: SyntheticRow,
  model: CustomerModel,
  random: SeededRandom,
): void {
  for (const relation of model.products) {
    const plan = model.columns.find((candidate) => candidate.column === relation.column);
    if (plan === undefined || !('marginal' in plan) || plan.marginal.kind !== 'number') continue;
    const value = relatedValue(relation, row, random.next(), plan.marginal.decimals);
    if (value !== null) row[relation.column] = value;
  }
}

function keyColumnOf(model: CustomerModel): string | null {
  return model.columns.find((plan) => plan.kind === 'identifier')?.column ?? null;
}

function slugOf(column: string): string {
  try {
    return toPropertyName(column).replaceAll('_', '-');
  } catch {
    return 'value';
  }
}
