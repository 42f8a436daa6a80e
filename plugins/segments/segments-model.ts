import { z } from 'zod';
import { assertSavedModelOf } from '../assert-saved-model.js';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { OrderLineFields } from '../../core/ml/order-lines.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type {
  Json,
  Metrics,
  RecordScore,
  RelatedRecords,
  SavedModel,
  TrainedModel,
} from '../plugin.js';
import { FeatureScaler } from './feature-scaler.js';
import type { SegmentsState } from './fit-segments.js';
import { segmentInput } from './segment-customers.js';
import {
  NO_PURCHASES_ID,
  NO_PURCHASES_NAME,
  SEGMENT_FIELD,
  SEGMENT_ID_FIELD,
} from './segments-fields.js';

/** The segments plugin's stable id, also stamped on its saved models. */
export const SEGMENTS_PLUGIN_ID = 'segments';
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
  properties: z.array(z.string()),
});

/** What a segments model keeps beside its centroids. */
export interface SegmentsConfig {
  version: number;
  fields: OrderLineFields;
  properties: string[];
}

/** A trained segmentation: assigns each contact to the nearest segment centre. */
export class SegmentsModel implements TrainedModel {
  private readonly scaler: FeatureScaler;

  constructor(
    readonly config: SegmentsConfig,
    readonly state: SegmentsState,
    readonly metrics: Metrics,
  ) {
    this.scaler = new FeatureScaler(state.scaler);
  }

  /** Rebuilds a model from `save()` output, also after a JSON round trip. */
  static load(saved: SavedModel): SegmentsModel {
    assertSavedModelOf(saved, SEGMENTS_PLUGIN_ID);
    const config = configSchema.safeParse(saved.config);
    const state = saved.weights as unknown as SegmentsState | null;
    if (!config.success || !Array.isArray(state?.centroids) || !Array.isArray(state?.ids)) {
      throw new CrmMlError(
        'segments_model_invalid',
        'Saved segments model is incomplete or of another version',
      );
    }
    const fields = config.data.fields as OrderLineFields;
    return new SegmentsModel({ ...config.data, fields }, state, { ...saved.metrics });
  }

  save(): SavedModel {
    return {
      pluginId: SEGMENTS_PLUGIN_ID,
      config: JSON.parse(JSON.stringify(this.config)) as Json,
      weights: JSON.parse(JSON.stringify(this.state)) as Json,
      metrics: { ...this.metrics },
    };
  }

  /** The segment (position in `state`) of one row of raw feature values. */
  assign(row: readonly (number | null)[]): number {
    const x = this.scaler.transform(row);
    let best = 0;
    let bestDistance = Infinity;
    this.state.centroids.forEach((centroid, c) => {
      const d = centroid.reduce((sum, v, j) => sum + (v - (x[j] ?? 0)) ** 2, 0);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    });
    return best;
  }

  async score(records: readonly CrmRecord[], related?: RelatedRecords): Promise<RecordScore[]> {
    const input = segmentInput(records, related, this.config.fields, this.config.properties);
    // Features are matched by name, so a feature absent at scoring counts as typical.
    const positions = this.state.features.map((f) => input.features.indexOf(f));

    return records.map((record) => {
      const row = input.rows.get(record.id);
      if (!row) {
        const values = { [SEGMENT_FIELD]: NO_PURCHASES_NAME, [SEGMENT_ID_FIELD]: NO_PURCHASES_ID };
        return { recordId: record.id, score: NO_PURCHASES_ID, values };
      }
      const segment = this.assign(positions.map((p) => (p < 0 ? null : (row[p] ?? null))));
      const id = this.state.ids[segment] as number;
      const values = {
        [SEGMENT_FIELD]: this.state.names[segment] as string,
        [SEGMENT_ID_FIELD]: id,
      };
      return { recordId: record.id, score: id, values };
    });
  }
}
