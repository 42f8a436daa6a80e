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
import { describeFigure } from './segment-figures.js';
import { segmentTraits } from './segment-names.js';
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

  /** Why the clustering looks degenerate; empty when it looks sound. */
  get warnings(): readonly string[] {
    return this.state.warnings ?? [];
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
    const rows = this.modelRows(records, related);

    return records.map((record) => {
      const row = rows.get(record.id);
      if (!row) {
        const values = { [SEGMENT_FIELD]: NO_PURCHASES_NAME, [SEGMENT_ID_FIELD]: NO_PURCHASES_ID };
        return { recordId: record.id, score: NO_PURCHASES_ID, values };
      }
      const segment = this.assign(row);
      const id = this.state.ids[segment] as number;
      const values = {
        [SEGMENT_FIELD]: this.state.names[segment] as string,
        [SEGMENT_ID_FIELD]: id,
      };
      return { recordId: record.id, score: id, values };
    });
  }

  /**
   * The traits that set the record's segment apart from the typical customer, strongest
   * first, each with the record's own figure: `very frequent (14 orders)`.
   */
  async explain(record: CrmRecord, related?: RelatedRecords): Promise<string[]> {
    const row = this.modelRows([record], related).get(record.id);
    if (!row) return [NO_PURCHASES_NAME];

    const segment = this.assign(row);
    const centroid = this.state.centroids[segment] ?? [];
    const figures = this.state.features.map((feature, j) => ({
      feature,
      z: centroid[j] ?? 0,
      figure: describeFigure(feature, row[j] ?? null),
    }));
    const traits = [...figures]
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
      .flatMap(({ feature, z, figure }) => {
        const [trait] = segmentTraits([feature], [z]);
        return trait === undefined ? [] : [`${trait} (${figure})`];
      });
    if (traits.length > 0) return traits;
    // A typical segment has no trait of its own: the customer's figures say what typical is.
    return [`typical customer (${figures.map((f) => f.figure).join(', ')})`];
  }

  // Raw feature rows in the model's feature order; a feature absent at scoring counts as typical.
  private modelRows(
    records: readonly CrmRecord[],
    related: RelatedRecords | undefined,
  ): Map<string, (number | null)[]> {
    const input = segmentInput(records, related, this.config.fields, this.config.properties);
    const positions = this.state.features.map((f) => input.features.indexOf(f));
    const rows = new Map<string, (number | null)[]>();
    for (const [id, row] of input.rows) {
      rows.set(
        id,
        positions.map((p) => (p < 0 ? null : (row[p] ?? null))),
      );
    }
    return rows;
  }
}
