import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { readOrderRecords, type OrderLineFields } from '../../core/ml/order-lines.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { assertSavedModelOf } from '../assert-saved-model.js';
import type {
  Json,
  Metrics,
  RecordScore,
  RelatedRecords,
  SavedModel,
  TrainedModel,
} from '../plugin.js';
import { predictCustomer, type NextPurchaseState } from './fit-next-purchase.js';
import {
  EXPECTED_PURCHASES_FIELD,
  EXPECTED_VALUE_FIELD,
  NEXT_PURCHASE_DATE_FIELD,
  P_ALIVE_FIELD,
} from './next-purchase-fields.js';
import { probabilityAlive } from './bg-nbd.js';
import {
  calibrationHistory,
  DAY_MS,
  purchaseDays,
  UNIT_DAYS,
  type PurchaseDays,
} from './purchase-days.js';

/** The next-purchase plugin's stable id, also stamped on its saved models. */
export const NEXT_PURCHASE_PLUGIN_ID = 'next_purchase';
const SAVED_VERSION = 1;

const configSchema = z.object({
  version: z.literal(SAVED_VERSION),
  fields: z.object({
    time: z.string(),
    amount: z.string().optional(),
    quantity: z.string().optional(),
    price: z.string().optional(),
    invoice: z.string().optional(),
  }),
  horizonDays: z.number().int().positive(),
});

/** What a next-purchase model keeps beside its parameters. */
export interface NextPurchaseConfig {
  version: number;
  fields: OrderLineFields;
  horizonDays: number;
}

/** A fitted BG/NBD + Gamma–Gamma model, ready to score contacts from their orders. */
export class NextPurchaseModel implements TrainedModel {
  constructor(
    readonly config: NextPurchaseConfig,
    readonly state: NextPurchaseState,
    readonly metrics: Metrics,
  ) {}

  /** Rebuilds a model from `save()` output, also after a JSON round trip. */
  static load(saved: SavedModel): NextPurchaseModel {
    assertSavedModelOf(saved, NEXT_PURCHASE_PLUGIN_ID);
    const config = configSchema.safeParse(saved.config);
    const state = saved.weights as unknown as NextPurchaseState | null;
    if (!config.success || typeof state?.bgNbd?.r !== 'number' || !state.spend) {
      throw new CrmMlError(
        'next_purchase_model_invalid',
        'Saved next-purchase model is incomplete or of another version',
      );
    }
    const fields = config.data.fields as OrderLineFields;
    return new NextPurchaseModel({ ...config.data, fields }, state, { ...saved.metrics });
  }

  save(): SavedModel {
    return {
      pluginId: NEXT_PURCHASE_PLUGIN_ID,
      config: JSON.parse(JSON.stringify(this.config)) as Json,
      weights: JSON.parse(JSON.stringify(this.state)) as Json,
      metrics: { ...this.metrics },
    };
  }

  /**
   * Scores the contacts that have purchases; contacts without any are left out (BG/NBD
   * describes customers after a first purchase, and a P(alive) for someone who never bought
   * would be invented). "Now" is the later of the training data's last day and the last
   * order day among `related`, never the wall clock, so an order feed that stopped (an
   * export, a sandbox) does not make every customer look lapsed, and scores repeat.
   */
  async score(records: readonly CrmRecord[], related?: RelatedRecords): Promise<RecordScore[]> {
    const { purchases, today } = this.purchasesAt(related);
    const scores: RecordScore[] = [];
    for (const record of records) {
      const days = purchases.get(record.id);
      const history = days === undefined ? null : calibrationHistory(days, today);
      if (history === null) continue;
      const prediction = predictCustomer(this.state, history, today, this.config.horizonDays);
      const expected = round(prediction.expectedPurchases, 2);
      scores.push({
        recordId: record.id,
        score: expected,
        values: {
          [P_ALIVE_FIELD]: round(prediction.pAlive * 100, 1),
          [EXPECTED_PURCHASES_FIELD]: expected,
          [EXPECTED_VALUE_FIELD]: round(prediction.expectedValue ?? 0, 2),
          [NEXT_PURCHASE_DATE_FIELD]: new Date(prediction.nextPurchaseDay * DAY_MS).toISOString(),
        },
      });
    }
    return scores;
  }

  /** The history the values rest on: purchases, the usual pace, the gap since the last. */
  async explain(record: CrmRecord, related?: RelatedRecords): Promise<string[]> {
    const { purchases, today } = this.purchasesAt(related);
    const days = purchases.get(record.id);
    const history = days === undefined ? null : calibrationHistory(days, today);
    if (history === null) return [];

    const { frequency, recency, age } = history.summary;
    const { r, alpha } = this.state.bgNbd;
    const sinceLast = Math.round((age - recency) * UNIT_DAYS);
    // While alive, λ | history ~ Gamma(r + x, α + T): its mean is the customer's pace.
    const perMonth = ((r + frequency) / (alpha + age)) * (30 / UNIT_DAYS);
    const pAlive = Math.round(probabilityAlive(this.state.bgNbd, history.summary) * 100);
    const reasons = [
      `${frequency + 1} purchase days in ${Math.round(age * UNIT_DAYS)}, the last ${sinceLast} days ago`,
      `about ${perMonth.toFixed(1)} purchases a month while still buying`,
      frequency === 0
        ? 'no repeat purchase yet, so no sign of having stopped'
        : `still buying: ${pAlive} %, ${sinceLast} days since the last purchase against ` +
          `${Math.round((recency * UNIT_DAYS) / frequency)} between purchases`,
    ];
    return reasons;
  }

  // "Now" is the later of the fit's last day and the last order day among `related`.
  private purchasesAt(related: RelatedRecords | undefined): {
    purchases: Map<string, PurchaseDays>;
    today: number;
  } {
    const orders = related?.get('orders') ?? [];
    const purchases = purchaseDays(readOrderRecords(orders, this.config.fields).lines);
    return { purchases, today: Math.max(this.state.endDay, latestDay(purchases)) };
  }
}

function latestDay(purchases: ReadonlyMap<string, PurchaseDays>): number {
  let latest = -Infinity;
  for (const { days } of purchases.values())
    latest = Math.max(latest, days[days.length - 1] ?? -Infinity);
  return latest;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
