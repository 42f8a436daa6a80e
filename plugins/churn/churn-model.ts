import { z } from 'zod';
import { assertSavedModelOf } from '../assert-saved-model.js';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { Logger } from '../../core/logging/logger.js';
import { explainPredictions } from '../../core/ml/attribution.js';
import { FeaturePipeline } from '../../core/ml/feature-pipeline.js';
import type { FeaturePipelineJson, PropertyReference } from '../../core/ml/feature-types.js';
import { selectRows, sigmoid, type Matrix } from '../../core/ml/matrix.js';
import type { BinaryModel, SavedBinaryModel } from '../../core/ml/models/binary-model.js';
import { loadBinaryModel } from '../../core/ml/models/load-binary-model.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type {
  Json,
  Metrics,
  RecordScore,
  SavedModel,
  TrainContext,
  TrainedModel,
} from '../plugin.js';
import {
  CHURN_DRIVERS_FIELD,
  CHURN_RISK_FIELD,
  CHURN_SCORE_FIELD,
  riskLevel,
  type RiskThresholds,
} from './churn-fields.js';
import { describeDrivers } from './drivers-sentence.js';
import { updateChurn } from './update-churn.js';

/** The churn plugin's stable id, also stamped on its saved models. */
export const CHURN_PLUGIN_ID = 'churn';
const SAVED_VERSION = 1;
// Explanations hold a [rows × encoded columns] array per chunk; chunks keep it bounded.
const SCORE_CHUNK_ROWS = 10_000;

const savedConfigSchema = z.object({
  version: z.literal(SAVED_VERSION),
  family: z.string(),
  target: z.string(),
  riskThresholds: z.object({ medium: z.number(), high: z.number() }),
  baselineProperty: z.string(),
});

/** The settings a churn model keeps beside its weights. */
export type ChurnModelConfig = {
  version: number;
  family: string;
  target: string;
  riskThresholds: RiskThresholds;
  baselineProperty: string;
};

/** A trained churn model: scores records with a probability, a risk level and drivers. */
export class ChurnModel implements TrainedModel {
  // The same for every batch, so computed once.
  private readonly references: PropertyReference[];

  constructor(
    readonly config: ChurnModelConfig,
    readonly pipeline: FeaturePipeline,
    readonly model: BinaryModel,
    readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {
    this.references = pipeline.references();
  }

  /** Rebuilds a model from `save()` output, also after a JSON round trip. */
  static async load(saved: SavedModel, logger: Logger): Promise<ChurnModel> {
    assertSavedModelOf(saved, CHURN_PLUGIN_ID);
    const config = savedConfigSchema.safeParse(saved.config);
    const weights = saved.weights as { pipeline?: unknown; model?: unknown } | null;
    if (!config.success || !weights?.pipeline || !weights.model) {
      throw new CrmMlError(
        'churn_model_invalid',
        'Saved churn model is incomplete or of another version',
      );
    }
    const pipeline = FeaturePipeline.fromJSON(weights.pipeline as FeaturePipelineJson);
    const model = await loadBinaryModel(weights.model as SavedBinaryModel);
    return new ChurnModel(config.data, pipeline, model, { ...saved.metrics }, logger);
  }

  save(): SavedModel {
    return {
      pluginId: CHURN_PLUGIN_ID,
      config: { ...this.config, riskThresholds: { ...this.config.riskThresholds } },
      weights: {
        pipeline: this.pipeline.toJSON() as unknown as Json,
        model: this.model.toJSON(),
      },
      metrics: { ...this.metrics },
    };
  }

  /** A new model moved toward newly labelled records (see `updateChurn`); this one is kept. */
  async update(records: readonly CrmRecord[], context: TrainContext): Promise<ChurnModel> {
    const { target } = this.config;
    const current = { target, pipeline: this.pipeline, model: this.model, metrics: this.metrics };
    const { model, metrics } = await updateChurn(current, records, context);
    return new ChurnModel(this.config, this.pipeline, model, metrics, this.logger);
  }

  /** Scores in one batch; records with no usable property at all are skipped and logged. */
  async score(records: readonly CrmRecord[]): Promise<RecordScore[]> {
    const rows = records.map((record) => record.properties);
    const { matrix, emptyRows, invalidNumbers } = this.pipeline.transform(rows);
    if (Object.keys(invalidNumbers).length > 0) {
      this.logger.warn(
        { invalidNumbers },
        'non-numeric values in numeric properties scored as missing',
      );
    }

    const empty = new Set(emptyRows);
    const kept = records.map((_, i) => i).filter((i) => !empty.has(i));
    if (empty.size > 0) {
      const ids = emptyRows.slice(0, 10).map((i) => records[i]?.id);
      this.logger.warn(
        { skipped: empty.size, ids },
        'records with no usable properties not scored',
      );
    }
    if (kept.length === 0) return [];

    // The common case, every row usable and one chunk, scores the matrix without a copy.
    if (kept.length === records.length && kept.length <= SCORE_CHUNK_ROWS) {
      return this.scoreRows(records, kept, matrix);
    }
    const scores: RecordScore[] = [];
    for (let start = 0; start < kept.length; start += SCORE_CHUNK_ROWS) {
      const chunk = kept.slice(start, start + SCORE_CHUNK_ROWS);
      scores.push(...this.scoreRows(records, chunk, selectRows(matrix, chunk)));
    }
    return scores;
  }

  /** The record's drivers, strongest first: `contract Month-to-month ↑`, `tenure 2 ↑`, … */
  async explain(record: CrmRecord): Promise<string[]> {
    const [score] = await this.score([record]);
    const drivers = score?.values[CHURN_DRIVERS_FIELD];
    if (typeof drivers !== 'string' || drivers === '') return [];
    return drivers.split(', ');
  }

  private scoreRows(records: readonly CrmRecord[], indices: number[], x: Matrix): RecordScore[] {
    const { logits, sources, values } = explainPredictions(this.model, x, this.references);

    return indices.map((recordIndex, i) => {
      const record = records[recordIndex] as CrmRecord;
      const probability = sigmoid(logits[i] ?? 0);
      const risk = riskLevel(probability, this.config.riskThresholds);
      // A low-risk customer is best explained by what keeps the risk down.
      const drivers = describeDrivers(
        record.properties,
        sources,
        values.subarray(i * sources.length, (i + 1) * sources.length),
        risk === 'low' ? 'down' : 'up',
      );
      return {
        recordId: record.id,
        score: probability,
        values: {
          [CHURN_SCORE_FIELD]: Math.round(probability * 100),
          [CHURN_RISK_FIELD]: risk,
          [CHURN_DRIVERS_FIELD]: drivers,
        },
      };
    });
  }
}
