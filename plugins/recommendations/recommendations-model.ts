import { z } from 'zod';
import { assertSavedModelOf } from '../assert-saved-model.js';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { readOrderRecords, type OrderLineFields } from '../../core/ml/order-lines.js';
import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import type {
  Json,
  Metrics,
  RecordScore,
  RelatedRecords,
  SavedModel,
  TrainedModel,
} from '../plugin.js';
import { RECOMMENDATION_IDS_FIELD, RECOMMENDATIONS_FIELD } from './recommendations-fields.js';
import { purchasesOnly } from './purchase-histories.js';
import { Recommender, strongestReason, type RecommenderState } from './recommender.js';

/** The recommendations plugin's stable id, also stamped on its saved models. */
export const RECOMMENDATIONS_PLUGIN_ID = 'recommendations';
const SAVED_VERSION = 1;

const configSchema = z.object({
  version: z.literal(SAVED_VERSION),
  input: z.string(),
  topN: z.number().int().positive(),
  fields: z.object({
    time: z.string(),
    item: z.string().optional(),
    name: z.string().optional(),
    quantity: z.string().optional(),
    invoice: z.string().optional(),
  }),
});

/** What a recommendations model keeps beside its weights. */
export interface RecommendationsConfig {
  version: number;
  input: ObjectType;
  topN: number;
  fields: OrderLineFields;
}

/** A trained recommender for CRM contacts, reading their orders from `related`. */
export class RecommendationsModel implements TrainedModel {
  constructor(
    readonly config: RecommendationsConfig,
    readonly recommender: Recommender,
    readonly metrics: Metrics,
  ) {}

  /** Rebuilds a model from `save()` output, also after a JSON round trip. */
  static load(saved: SavedModel): RecommendationsModel {
    assertSavedModelOf(saved, RECOMMENDATIONS_PLUGIN_ID);
    const config = configSchema.safeParse(saved.config);
    const state = saved.weights as unknown as RecommenderState | null;
    if (!config.success || !Array.isArray(state?.items) || !Array.isArray(state?.popular)) {
      throw new CrmMlError(
        'recommendations_model_invalid',
        'Saved recommendations model is incomplete or of another version',
      );
    }
    const fields = config.data.fields as OrderLineFields;
    return new RecommendationsModel(
      { ...config.data, input: config.data.input as ObjectType, fields },
      Recommender.fromJSON(state),
      { ...saved.metrics },
    );
  }

  save(): SavedModel {
    return {
      pluginId: RECOMMENDATIONS_PLUGIN_ID,
      config: JSON.parse(JSON.stringify(this.config)) as Json,
      weights: JSON.parse(JSON.stringify(this.recommender.toJSON())) as Json,
      metrics: { ...this.metrics },
    };
  }

  /**
   * Recommends for every record; customers without orders get the popular products. "Now"
   * is the latest order in `related`, so rescoring the same data gives the same lists.
   */
  async score(records: readonly CrmRecord[], related?: RelatedRecords): Promise<RecordScore[]> {
    const { now, histories } = this.histories(related);

    return records.map((record) => {
      const history = histories.get(record.id) ?? new Map<string, number>();
      const result = this.recommender.recommend(history, now, this.config.topN);
      return {
        recordId: record.id,
        score: result.topScore,
        values: {
          [RECOMMENDATIONS_FIELD]: result.names.join('; '),
          [RECOMMENDATION_IDS_FIELD]: result.items.join(';'),
        },
      };
    });
  }

  /**
   * One reason per recommended product: `REGENCY CAKESTAND: because they bought TEA SET`, or
   * `…: popular with other customers` for the popularity fallback.
   */
  async explain(record: CrmRecord, related?: RelatedRecords): Promise<string[]> {
    const { now, histories } = this.histories(related);
    const history = histories.get(record.id) ?? new Map<string, number>();
    const result = this.recommender.recommend(history, now, this.config.topN);
    return result.items.map((item, i) => {
      const because = strongestReason(this.recommender.state, history, item);
      const name = result.names[i] ?? item;
      return because === null
        ? `${name}: popular with other customers`
        : `${name}: because they bought ${because}`;
    });
  }

  // "Now" is the latest order in `related`, so rescoring the same data gives the same lists.
  private histories(related: RelatedRecords | undefined): {
    now: number;
    histories: Map<string, Map<string, number>>;
  } {
    const orders = related?.get(this.config.input) ?? [];
    const purchases = purchasesOnly(readOrderRecords(orders, this.config.fields).lines);
    const now = purchases.reduce((latest, line) => Math.max(latest, line.time), 0);

    const histories = new Map<string, Map<string, number>>();
    for (const line of purchases) {
      let history = histories.get(line.customer);
      if (!history) histories.set(line.customer, (history = new Map()));
      history.set(line.item as string, Math.max(history.get(line.item as string) ?? 0, line.time));
    }
    return { now, histories };
  }
}
