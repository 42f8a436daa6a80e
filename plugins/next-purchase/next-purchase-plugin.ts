import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { MissingDataError } from '../missing-data-error.js';
import { readOrderRecords, type OrderLineFields } from '../../core/ml/order-lines.js';
import { describeOrderSkips } from '../../core/ml/order-skips.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { Metrics, Plugin, SavedModel, TrainContext, TrainedModel } from '../plugin.js';
import { probabilityAlive } from './bg-nbd.js';
import { fitNextPurchase, type NextPurchaseState } from './fit-next-purchase.js';
import { forecastFigures } from './forecast-figures.js';
import { holdoutForecast } from './holdout-forecast.js';
import { NEXT_PURCHASE_FIELDS } from './next-purchase-fields.js';
import { NEXT_PURCHASE_PLUGIN_ID, NextPurchaseModel } from './next-purchase-model.js';
import { parseNextPurchaseOptions, type NextPurchaseOptions } from './next-purchase-options.js';
import { calibrationHistory, purchaseDays, type PurchaseDays } from './purchase-days.js';

/**
 * The next-purchase plugin: from each contact's order days it fits BG/NBD (how often
 * customers buy and when they stop) and Gamma–Gamma (what they spend per purchase), and
 * writes P(alive), the purchases and spend expected over the horizon (90 days) and the
 * median next purchase date. Contacts without orders are not scored.
 *
 * @example
 * const model = await createNextPurchasePlugin().train(contacts, { logger, seed: 42,
 *   options: { amountProperty: 'amount' }, related });
 */
export function createNextPurchasePlugin(): Plugin {
  return {
    id: NEXT_PURCHASE_PLUGIN_ID,
    label: 'Next purchase',
    objectType: 'contacts',
    inputs: ['orders'],
    fields: NEXT_PURCHASE_FIELDS,

    parseOptions(options: Record<string, unknown>): unknown {
      return parseNextPurchaseOptions(options);
    },

    async train(records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel> {
      const options = parseNextPurchaseOptions(context.options);
      const fields = orderFields(options);
      const purchases = contactPurchases(records, fields, context);
      context.logger.info(
        { customers: purchases.size, withoutOrders: records.length - purchases.size },
        'contacts without orders are not scored',
      );

      const { firstDay, lastDay } = daySpan(purchases);
      const held = heldOutMetrics(purchases, firstDay, lastDay, options, context);
      const state = missingDataIfUnfit(() =>
        fitNextPurchase(purchases, lastDay, { seed: context.seed, withSpend: true }),
      );
      context.progress?.(1, 1);

      const metrics = {
        ...fitMetrics(state, purchases),
        contacts_without_orders: records.length - purchases.size,
        ...held,
      };
      const config = { version: 1, fields, horizonDays: options.horizonDays };
      return new NextPurchaseModel(config, state, metrics);
    },

    async load(saved: SavedModel): Promise<TrainedModel> {
      return NextPurchaseModel.load(saved);
    },
  };
}

// Too few customers or no repeat purchases yet: the data, not the setup, is short.
const UNFIT_CODES = new Set([
  'next_purchase_too_few_customers',
  'next_purchase_no_repeat_purchases',
]);

function missingDataIfUnfit<T>(fit: () => T): T {
  try {
    return fit();
  } catch (error) {
    if (!(error instanceof CrmMlError) || !UNFIT_CODES.has(error.code)) throw error;
    throw new MissingDataError(error.code, error.message, { cause: error });
  }
}

/** Each contact's purchase days; none at all is missing data, so the run skips the plugin. */
function contactPurchases(
  records: readonly CrmRecord[],
  fields: OrderLineFields,
  context: TrainContext,
): Map<string, PurchaseDays> {
  const orders = (context.related?.get('orders') ?? []).filter((order) => !order.archived);
  if (orders.length === 0) {
    throw new MissingDataError(
      'next_purchase_no_purchases',
      `No orders are synced, so none of the ${records.length} contacts has a purchase to learn from`,
    );
  }
  const read = readOrderRecords(orders, fields);
  if (Object.keys(read.skipped).length > 0) {
    context.logger.warn({ skipped: read.skipped, examples: read.examples }, 'order lines skipped');
  }
  if (read.lines.length === 0) {
    throw new MissingDataError(
      'next_purchase_no_purchases',
      `None of the ${orders.length} orders could be read: ` +
        `${describeOrderSkips(read.skipped, fields)} (the next_purchase options such as ` +
        `timeProperty name the orders' properties)`,
      { details: read.examples.map((example) => ({ path: example, message: 'skipped' })) },
    );
  }

  const all = purchaseDays(read.lines);
  const purchases = new Map<string, PurchaseDays>();
  for (const record of records) {
    const days = all.get(record.id);
    if (days !== undefined) purchases.set(record.id, days);
  }
  if (purchases.size === 0) {
    throw new MissingDataError(
      'next_purchase_no_purchases',
      `None of the ${records.length} contacts has one of the ${orders.length} orders read`,
    );
  }
  return purchases;
}

function orderFields(options: NextPurchaseOptions): OrderLineFields {
  const amount =
    options.amountProperty ?? (options.priceProperty === undefined ? 'amount' : undefined);
  return {
    time: options.timeProperty,
    ...(amount === undefined ? {} : { amount }),
    ...(options.quantityProperty === undefined ? {} : { quantity: options.quantityProperty }),
    ...(options.priceProperty === undefined ? {} : { price: options.priceProperty }),
    ...(options.invoiceProperty === undefined ? {} : { invoice: options.invoiceProperty }),
  };
}

function daySpan(purchases: ReadonlyMap<string, PurchaseDays>): {
  firstDay: number;
  lastDay: number;
} {
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const { days } of purchases.values()) {
    firstDay = Math.min(firstDay, days[0] as number);
    lastDay = Math.max(lastDay, days[days.length - 1] as number);
  }
  return { firstDay, lastDay };
}

/**
 * Refits on all but the last days (a third of the history, at most the horizon) and
 * compares each customer's forecast for those days with what happened, beside the
 * own-rate baseline. Empty when the history is too short or has no repeats before the cut.
 */
function heldOutMetrics(
  purchases: ReadonlyMap<string, PurchaseDays>,
  firstDay: number,
  lastDay: number,
  options: NextPurchaseOptions,
  context: TrainContext,
): Metrics {
  const holdoutDays =
    options.holdoutDays ?? Math.min(options.horizonDays, Math.floor((lastDay - firstDay) / 3));
  const endDay = lastDay - holdoutDays;
  if (holdoutDays < 1 || endDay <= firstDay) return {};
  try {
    const state = fitNextPurchase(purchases, endDay, { seed: context.seed, withSpend: false });
    const rows = holdoutForecast(state.bgNbd, purchases, endDay, lastDay);
    const actual = rows.map((row) => row.actual);
    const model = forecastFigures(
      rows.map((row) => row.predicted),
      actual,
    );
    const baseline = forecastFigures(
      rows.map((row) => row.ownRate),
      actual,
    );
    return {
      holdout_days: holdoutDays,
      holdout_customers: rows.length,
      holdout_mae: model.mae,
      holdout_rmse: model.rmse,
      holdout_predicted: model.total_predicted,
      holdout_actual: actual.reduce((a, b) => a + b, 0),
      baseline_mae: baseline.mae,
      baseline_rmse: baseline.rmse,
    };
  } catch (error) {
    if (!(error instanceof CrmMlError)) throw error;
    context.logger.warn({ code: error.code }, `no held-out metrics: ${error.message}`);
    return {};
  }
}

function fitMetrics(
  state: NextPurchaseState,
  purchases: ReadonlyMap<string, PurchaseDays>,
): Metrics {
  let alive = 0;
  for (const days of purchases.values()) {
    const history = calibrationHistory(days, state.endDay);
    if (history !== null) alive += probabilityAlive(state.bgNbd, history.summary);
  }
  const spend = state.spend.kind === 'gamma_gamma' ? state.spend.params : undefined;
  return {
    customers: state.customers,
    repeat_customers: state.repeatCustomers,
    r: state.bgNbd.r,
    alpha: state.bgNbd.alpha,
    a: state.bgNbd.a,
    b: state.bgNbd.b,
    log_likelihood: state.logLikelihood,
    mean_p_alive: alive / Math.max(state.customers, 1),
    ...(spend === undefined
      ? {}
      : { spend_p: spend.p, spend_q: spend.q, spend_gamma: spend.gamma }),
  };
}
