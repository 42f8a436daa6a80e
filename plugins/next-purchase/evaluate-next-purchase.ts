import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { readOrderRows, type OrderLineFields } from '../../core/ml/order-lines.js';
import { expectedPurchasesSinceFirst, type BgNbdParams } from './bg-nbd.js';
import { fitNextPurchase, predictCustomer, type SpendModel } from './fit-next-purchase.js';
import { forecastFigures, type ForecastFigures } from './forecast-figures.js';
import { holdoutForecast, type HoldoutRow } from './holdout-forecast.js';
import { DAY_MS, purchaseDays, UNIT_DAYS, type PurchaseDays } from './purchase-days.js';

export interface EvaluateNextPurchaseOptions {
  fields: OrderLineFields & { customer: string };
  /** The last day of the calibration period (epoch ms, any time that day); else `holdoutDays`. */
  calibrationEnd?: number;
  /** Days at the end of the file to predict; 90 when neither option is given. */
  holdoutDays?: number;
  seed?: number;
  /** File line of rows[0], so skipped rows are named by their line (2 after a header). */
  firstLine?: number;
}

/** A forecast beside the truth, per group of calibration repeat purchases (0…6, then 7+). */
export interface FrequencyGroup {
  repeat_purchases: string;
  customers: number;
  actual: number;
  predicted: number;
  baseline: number;
}

/** The evaluation `crm-ml eval next-purchase` prints. */
export interface NextPurchaseEvaluation {
  calibration_start: string;
  calibration_end: string;
  holdout_end: string;
  holdout_days: number;
  customers: number;
  repeat_customers: number;
  /** Customers whose first purchase is in the holdout period: nothing to predict from. */
  new_in_holdout: number;
  time_unit: 'week';
  params: BgNbdParams;
  log_likelihood: number;
  spend: SpendModel;
  total_actual: number;
  model: ForecastFigures;
  baselines: (ForecastFigures & { name: string; description: string })[];
  /** Predicted vs actual holdout spend per customer; absent without money columns. */
  value?: { total_actual: number; model: ForecastFigures; baseline: ForecastFigures };
  by_calibration_purchases: FrequencyGroup[];
  /** Cumulative repeat purchases of the calibration customers, week by week. */
  cumulative: { week: number; actual: number; predicted: number }[];
  skipped_rows: Record<string, number>;
  returns: number;
  warnings: string[];
  seconds: number;
}

const DEFAULT_HOLDOUT_DAYS = 90;
const TOP_GROUP = 7;

/**
 * Fits BG/NBD (and Gamma–Gamma when there is money) on the calibration period of an order
 * table and predicts each calibration customer's purchases in the holdout period, beside two
 * baselines from the same run: the customer's own calibration rate and the population's.
 *
 * @example
 * const result = evaluateNextPurchase(rows, { fields: { customer: 'customer_id', time: 'date',
 *   amount: 'dollar_value' }, holdoutDays: 273 });
 */
export function evaluateNextPurchase(
  rows: readonly Record<string, string>[],
  options: EvaluateNextPurchaseOptions,
): NextPurchaseEvaluation {
  const started = Date.now();
  const read = readOrderRows(rows, options.fields, options.firstLine ?? 2);
  const purchases = purchaseDays(read.lines);
  if (purchases.size === 0) {
    throw new CrmMlError('next_purchase_no_purchases', 'No readable purchase rows to evaluate', {
      details: read.examples.map((example) => ({ path: example, message: 'skipped' })),
    });
  }

  const { firstDay, endDay, lastDay } = periods(purchases, options);
  const withSpend = options.fields.amount !== undefined || options.fields.price !== undefined;
  const state = fitNextPurchase(purchases, endDay, { seed: options.seed ?? 42, withSpend });
  const holdoutWeeks = (lastDay - endDay) / UNIT_DAYS;

  const rowsOut = holdoutForecast(state.bgNbd, purchases, endDay, lastDay);
  const actual = rowsOut.map((row) => row.actual);
  const predicted = rowsOut.map((row) => row.predicted);
  const ownRate = rowsOut.map((row) => row.ownRate);
  const totalRepeats = rowsOut.reduce((sum, row) => sum + row.history.summary.frequency, 0);
  const totalWeeks = rowsOut.reduce((sum, row) => sum + row.history.summary.age, 0);
  const populationRate = rowsOut.map(
    () => (totalRepeats / Math.max(totalWeeks, 1e-9)) * holdoutWeeks,
  );

  const skippedTotal = Object.values(read.skipped).reduce((a, b) => a + b, 0);
  return {
    calibration_start: isoDay(firstDay),
    calibration_end: isoDay(endDay),
    holdout_end: isoDay(lastDay),
    holdout_days: lastDay - endDay,
    customers: rowsOut.length,
    repeat_customers: state.repeatCustomers,
    new_in_holdout: purchases.size - rowsOut.length,
    time_unit: 'week',
    params: state.bgNbd,
    log_likelihood: state.logLikelihood,
    spend: state.spend,
    total_actual: actual.reduce((a, b) => a + b, 0),
    model: forecastFigures(predicted, actual),
    baselines: [
      {
        name: 'calibration_rate',
        description: "each customer's calibration repeat-purchase rate × the holdout length",
        ...forecastFigures(ownRate, actual),
      },
      {
        name: 'population_rate',
        description: 'all customers’ repeat purchases per week observed × the holdout length',
        ...forecastFigures(populationRate, actual),
      },
    ],
    ...(withSpend ? { value: valueFigures(state, rowsOut, endDay, lastDay, ownRate) } : {}),
    by_calibration_purchases: byFrequency(rowsOut, predicted, ownRate),
    cumulative: cumulative(state.bgNbd, rowsOut, firstDay, lastDay),
    skipped_rows: read.skipped,
    returns: read.lines.filter((line) => line.returned).length,
    warnings: [
      ...read.warnings,
      ...(skippedTotal > 0
        ? [`${skippedTotal} rows skipped: ${JSON.stringify(read.skipped)}`]
        : []),
      ...read.examples,
    ],
    seconds: (Date.now() - started) / 1000,
  };
}

function periods(
  purchases: ReadonlyMap<string, PurchaseDays>,
  options: EvaluateNextPurchaseOptions,
): { firstDay: number; endDay: number; lastDay: number } {
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const { days } of purchases.values()) {
    firstDay = Math.min(firstDay, days[0] as number);
    lastDay = Math.max(lastDay, days[days.length - 1] as number);
  }
  const endDay =
    options.calibrationEnd === undefined
      ? lastDay - (options.holdoutDays ?? DEFAULT_HOLDOUT_DAYS)
      : Math.floor(options.calibrationEnd / DAY_MS);
  if (endDay < firstDay || endDay >= lastDay) {
    throw new CrmMlError(
      'next_purchase_bad_period',
      `The calibration period would end on ${isoDay(endDay)}, but purchases run from ` +
        `${isoDay(firstDay)} to ${isoDay(lastDay)}: it must end inside that span`,
    );
  }
  return { firstDay, endDay, lastDay };
}

function valueFigures(
  state: ReturnType<typeof fitNextPurchase>,
  rows: readonly HoldoutRow[],
  endDay: number,
  lastDay: number,
  ownRate: readonly number[],
): NonNullable<NextPurchaseEvaluation['value']> {
  const actual = rows.map((row) => row.actualSpend);
  const predicted = rows.map(
    (row) => predictCustomer(state, row.history, endDay, lastDay - endDay).expectedValue ?? 0,
  );
  // The baseline spends the customer's own mean per calibration purchase at its own rate.
  const baseline = rows.map((row, i) => {
    const { days, spend } = row.purchases;
    const count = days.filter((day) => day <= endDay).length;
    const total = spend.slice(0, count).reduce((a, b) => a + b, 0);
    return (ownRate[i] as number) * (total / Math.max(count, 1));
  });
  return {
    total_actual: actual.reduce((a, b) => a + b, 0),
    model: forecastFigures(predicted, actual),
    baseline: forecastFigures(baseline, actual),
  };
}

function byFrequency(
  rows: readonly HoldoutRow[],
  predicted: readonly number[],
  baseline: readonly number[],
): FrequencyGroup[] {
  const groups = Array.from({ length: TOP_GROUP + 1 }, (_, g) => ({
    repeat_purchases: g === TOP_GROUP ? `${TOP_GROUP}+` : String(g),
    customers: 0,
    actual: 0,
    predicted: 0,
    baseline: 0,
  }));
  rows.forEach((row, i) => {
    const group = groups[Math.min(row.history.summary.frequency, TOP_GROUP)] as FrequencyGroup;
    group.customers++;
    group.actual += row.actual;
    group.predicted += predicted[i] as number;
    group.baseline += baseline[i] as number;
  });
  return groups.map((g) => {
    const n = Math.max(g.customers, 1);
    return { ...g, actual: g.actual / n, predicted: g.predicted / n, baseline: g.baseline / n };
  });
}

// The classic tracking chart: Σ over customers of E[X(t − first purchase)], beside the count.
function cumulative(
  params: BgNbdParams,
  rows: readonly HoldoutRow[],
  firstDay: number,
  lastDay: number,
): NextPurchaseEvaluation['cumulative'] {
  const byFirstDay = new Map<number, number>();
  const repeatDays: number[] = [];
  for (const row of rows) {
    byFirstDay.set(row.history.firstDay, (byFirstDay.get(row.history.firstDay) ?? 0) + 1);
    repeatDays.push(...row.purchases.days.slice(1));
  }
  repeatDays.sort((a, b) => a - b);

  const points: NextPurchaseEvaluation['cumulative'] = [];
  let seen = 0;
  const weeks = Math.ceil((lastDay - firstDay) / UNIT_DAYS);
  for (let week = 1; week <= weeks; week++) {
    const day = Math.min(firstDay + week * UNIT_DAYS, lastDay);
    while (seen < repeatDays.length && (repeatDays[seen] as number) <= day) seen++;
    let predicted = 0;
    for (const [first, count] of byFirstDay) {
      if (first < day)
        predicted += count * expectedPurchasesSinceFirst(params, (day - first) / UNIT_DAYS);
    }
    points.push({ week, actual: seen, predicted });
  }
  return points;
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
