import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import { readOrderRows } from '../../core/ml/order-lines.js';
import { unreadableOrderColumn } from '../../core/ml/unreadable-order-column.js';
import { fitRecommender } from './fit-recommender.js';
import { purchasesOnly } from './purchase-histories.js';
import { evaluateRanking, rankingTask } from './ranking-evaluation.js';
import { RECOMMENDER_MODELS, type RepeatPolicy } from './recommender.js';
import { selectModel } from './select-model.js';

/** Options of `evaluateRecommendations`: column names and the test window. */
export interface EvaluateRecommendationsOptions {
  customer: string;
  item: string;
  time: string;
  quantity?: string;
  /** Invoice ids starting with 'C' mark cancellations (the Online Retail convention). */
  invoice?: string;
  name?: string;
  /** List length the figures are computed at (the names say 10, the default). */
  k?: number;
  testDays?: number;
  allowRepeat?: boolean;
  repeatWindowDays?: number;
}

/** Test-window figures of one model family. */
export interface ModelFigures {
  name: string;
  params: Record<string, number>;
  ndcg_at_10: number;
  hit_rate_at_10: number;
  recall_at_10: number;
  coverage: number;
  validation_ndcg_at_10: number;
  seconds: number;
}

export interface RecommendationsEvaluation {
  models: ModelFigures[];
  /** The family chosen on the inner validation window (never on the test window). */
  best: string;
  train_rows: number;
  test_rows: number;
  test_customers: number;
  items: number;
  skipped_rows: Record<string, number>;
  returns: number;
  warnings: string[];
  seconds: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_REPEAT_WINDOW_DAYS = 30;
const logger = createLogger('plugin.recommendations');

/**
 * Trains every model on all purchases before the last `testDays` of the file and scores them
 * on the purchases in those days, beside the popularity baseline. Backs
 * `crm-ml eval recommendations`.
 *
 * @example
 * const result = await evaluateRecommendations(rows,
 *   { customer: 'CustomerID', item: 'StockCode', time: 'InvoiceDate', quantity: 'Quantity' });
 */
export async function evaluateRecommendations(
  rows: Record<string, string>[],
  options: EvaluateRecommendationsOptions,
): Promise<RecommendationsEvaluation> {
  const started = Date.now();
  const k = options.k ?? 10;
  const testDays = options.testDays ?? 30;
  const policy: RepeatPolicy = {
    allowRepeat: options.allowRepeat ?? false,
    repeatWindowDays: options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS,
  };
  checkColumns(rows, options);

  const read = readOrderRows(rows, {
    customer: options.customer,
    item: options.item,
    time: options.time,
    ...(options.quantity === undefined ? {} : { quantity: options.quantity }),
    ...(options.invoice === undefined ? {} : { invoice: options.invoice }),
    ...(options.name === undefined ? {} : { name: options.name }),
  });
  const unreadable = unreadableOrderColumn(read, options);
  if (unreadable !== null) throw unreadable;
  const purchases = purchasesOnly(read.lines);
  if (purchases.length === 0) {
    throw new CrmMlError('recommendations_no_purchases', 'No readable purchase rows to evaluate');
  }

  const end = purchases.reduce((latest, line) => Math.max(latest, line.time), -Infinity);
  const cutoff = end - testDays * DAY_MS;
  const train = purchases.filter((line) => line.time < cutoff);
  const task = rankingTask(purchases, cutoff);
  assertBothSides(train.length, task.relevant.size, testDays);
  const choice = selectModel(train, RECOMMENDER_MODELS, policy, {
    validationDays: testDays,
    k,
    logger,
  });

  const models = RECOMMENDER_MODELS.map((family): ModelFigures => {
    const spec = choice.perFamily.get(family) ?? { model: family, params: {} };
    const fitStarted = Date.now();
    const figures = evaluateRanking(fitRecommender(train, spec, policy), task, k);
    const validated = choice.validation.find((entry) => entry.spec === spec);
    return {
      name: family,
      params: spec.params,
      ndcg_at_10: figures.ndcg_at_10,
      hit_rate_at_10: figures.hit_rate_at_10,
      recall_at_10: figures.recall_at_10,
      coverage: figures.coverage,
      validation_ndcg_at_10: validated?.figures.ndcg_at_10 ?? Number.NaN,
      seconds: (Date.now() - fitStarted) / 1000,
    };
  });

  const skippedTotal = Object.values(read.skipped).reduce((a, b) => a + b, 0);
  const warnings = [
    ...read.warnings,
    ...choice.warnings,
    ...(skippedTotal > 0 ? [`${skippedTotal} rows skipped: ${JSON.stringify(read.skipped)}`] : []),
    ...read.examples,
  ];
  return {
    models,
    best: choice.best.model,
    train_rows: train.length,
    test_rows: purchases.length - train.length,
    test_customers: task.relevant.size,
    items: new Set(train.map((line) => line.item)).size,
    skipped_rows: read.skipped,
    returns: read.lines.length - purchases.length,
    warnings,
    seconds: (Date.now() - started) / 1000,
  };
}

/** A split that leaves nothing to train on or nothing to test on evaluates nothing. */
function assertBothSides(trainRows: number, testCustomers: number, testDays: number): void {
  if (trainRows > 0 && testCustomers > 0) return;
  const side = trainRows === 0 ? 'no purchases before them to train on' : 'no customers to test';
  throw new CrmMlError(
    'recommendations_split_empty',
    `the last ${testDays} test days leave ${side}; choose a --test-days that splits the file`,
    { details: [{ path: 'testDays', message: side }] },
  );
}

function checkColumns(
  rows: Record<string, string>[],
  options: EvaluateRecommendationsOptions,
): void {
  // Table rows share one header, so the first row names every column.
  const columns = new Set(Object.keys(rows[0] ?? {}));
  const wanted = [options.customer, options.item, options.time, options.quantity, options.invoice];
  const missing = wanted.filter((c): c is string => c !== undefined && !columns.has(c));
  if (missing.length > 0) {
    throw new CrmMlError(
      'recommendations_columns_missing',
      `Columns not in the table: ${missing.join(', ')}; columns: ${[...columns].join(', ')}`,
      { details: missing.map((c) => ({ path: c, message: 'column not found' })) },
    );
  }
}
