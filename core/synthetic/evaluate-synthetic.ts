import { CrmMlError } from '../errors/crm-ml-error.js';
import { stratifiedSplit } from '../ml/split.js';
import { SeededRandom } from '../ml/random.js';
import { MODEL_FAMILIES, type ModelFamily } from '../ml/models/binary-model.js';
import { churnLabel } from '../../plugins/churn/churn-target.js';
import { inferColumnKind } from './column-kind.js';
import { churnUtility, type ChurnUtility } from './churn-utility.js';
import { correlationDifference, type CorrelationDifference } from './correlation-difference.js';
import { fitCustomerModel, type SynthWarning } from './fit-customer-model.js';
import { relationFit, type RelationFit } from './product-relations.js';
import { marginalDistances, type ColumnDistance } from './marginal-distance.js';
import { privacyCheck, type PrivacyCheck } from './privacy-check.js';
import { sampleCustomers, type SyntheticRow } from './sample-customers.js';

type Rows = readonly Readonly<Record<string, string>>[];

/** Options of `evaluateSynthetic`. */
export interface EvaluateSyntheticOptions {
  /** The churn label column; when absent, a column named churn or churned (any case). */
  target?: string;
  positive?: string;
  seed: number;
  families?: readonly ModelFamily[];
  /** Rows of each side the distance-to-closest-record check measures; default 2,000. */
  privacySample?: number;
}

/** How faithful and how private synthetic customers learned from a table are. */
export interface SyntheticEvaluation {
  real_train_rows: number;
  real_holdout_rows: number;
  synthetic_rows: number;
  /** Largest KS statistic over number and date columns, largest TV over category columns. */
  max_ks: number;
  max_tv: number;
  columns: ColumnDistance[];
  correlation: CorrelationDifference;
  /** Columns kept as the product of two others, and how well real and synthetic rows fit. */
  relations: { real: RelationFit; synthetic: RelationFit }[];
  /** Churn ROC AUC on the real holdout: trained on synthetic rows, and on the real ones. */
  train_synthetic_test_real: ChurnUtility;
  train_real_test_real: ChurnUtility;
  privacy: PrivacyCheck;
  warnings: SynthWarning[];
  seconds: number;
}

const HOLDOUT_FRACTION = 0.2;
const DEFAULT_PRIVACY_SAMPLE = 2000;

/**
 * Holds out 20 % of the real rows (stratified by the churn label, keyed by the identifier
 * column when there is one), learns the generator on the other 80 % and draws as many
 * synthetic rows, then compares: per-column marginal distances and the correlation gap
 * against the training rows; churn ROC AUC on the holdout for a model trained on synthetic
 * rows beside one trained on the real training rows; exact copies and distance to closest
 * record against the holdout's. Throws `synth_target_missing` when no churn label is found.
 */
export async function evaluateSynthetic(
  columns: readonly string[],
  rows: Rows,
  options: EvaluateSyntheticOptions,
): Promise<SyntheticEvaluation> {
  const started = Date.now();
  const target = options.target ?? columns.find((column) => /^churn(ed)?$/i.test(column.trim()));
  if (target === undefined || !columns.includes(target)) {
    throw new CrmMlError(
      'synth_target_missing',
      `No churn label column ${target === undefined ? '(none named churn)' : `'${target}'`} ` +
        `in the table; columns: ${columns.join(', ')}`,
      { details: [{ path: target ?? 'target', message: 'column not found' }] },
    );
  }

  const random = new SeededRandom(options.seed);
  const idColumn = columns.find(
    (column) => inferColumnKind(rows.map((row) => row[column] ?? '')) === 'identifier',
  );
  const labels = rows.map((row) => churnLabel(row[target], options.positive) ?? 0);
  const keys = idColumn === undefined ? undefined : rows.map((row) => row[idColumn] ?? '');
  const split = stratifiedSplit(labels, HOLDOUT_FRACTION, random.nextUint32(), keys);
  const train = split.train.map((i) => rows[i] as Readonly<Record<string, string>>);
  const holdout = split.test.map((i) => rows[i] as Readonly<Record<string, string>>);

  const model = fitCustomerModel(columns, train, { seed: random.nextUint32() });
  const synthetic: SyntheticRow[] = [];
  for (const chunk of sampleCustomers(model, train.length, {
    seed: random.nextUint32(),
    chunkSize: 10_000,
  })) {
    synthetic.push(...chunk);
  }

  const distances = marginalDistances(model.columns, train, synthetic);
  const exclude = model.columns.filter((plan) => !('marginal' in plan)).map((plan) => plan.column);
  const settings = {
    target,
    exclude,
    families: options.families ?? MODEL_FAMILIES,
    seed: options.seed,
    ...(options.positive === undefined ? {} : { positive: options.positive }),
    ...(idColumn === undefined ? {} : { id: idColumn }),
  };
  return {
    real_train_rows: train.length,
    real_holdout_rows: holdout.length,
    synthetic_rows: synthetic.length,
    max_ks: maxOf(distances.filter((d) => d.statistic === 'ks')),
    max_tv: maxOf(distances.filter((d) => d.statistic === 'tv')),
    columns: distances,
    correlation: correlationDifference(model.columns, train, synthetic),
    relations: model.products.map((relation) => ({
      real: relationFit(relation, train),
      synthetic: relationFit(relation, synthetic),
    })),
    train_synthetic_test_real: await churnUtility(synthetic, holdout, settings),
    train_real_test_real: await churnUtility(train, holdout, settings),
    privacy: privacyCheck(
      model.columns,
      train,
      holdout,
      synthetic,
      options.privacySample ?? DEFAULT_PRIVACY_SAMPLE,
    ),
    warnings: [...model.warnings],
    seconds: (Date.now() - started) / 1000,
  };
}

function maxOf(distances: readonly ColumnDistance[]): number {
  return distances.reduce((most, d) => Math.max(most, d.distance), 0);
}
