import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { Logger } from '../../core/logging/logger.js';
import { FeaturePipeline } from '../../core/ml/feature-pipeline.js';
import type { FeaturePipelineJson } from '../../core/ml/feature-types.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { assertSavedModelOf } from '../assert-saved-model.js';
import type {
  Json,
  Metrics,
  RecordScore,
  SavedModel,
  TrainContext,
  TrainedModel,
} from '../plugin.js';
import { ActionBandit, type ActionBanditJson } from './action-bandit.js';
import { chooseAction, type ActionChoice } from './choose-action.js';
import {
  choiceDrivers,
  comparedAction,
  driverWords,
  evidenceWords,
  explorationWords,
  headline,
  reasonSentence,
  type ChoiceContext,
} from './describe-choice.js';
import {
  NBA_ACTION_FIELD,
  NBA_REASON_FIELD,
  NBA_SUCCESS_FIELD,
  NBA_UPLIFT_FIELD,
} from './next-best-action-fields.js';
import {
  defaultBaseline,
  parseNextBestActionOptions,
  type NextBestActionOptions,
} from './next-best-action-options.js';
import { encodeContacts } from './encode-contacts.js';
import { updateNextBestAction } from './update-next-best-action.js';

/** The next-best-action plugin's stable id, also stamped on its saved models. */
export const NEXT_BEST_ACTION_PLUGIN_ID = 'next_best_action';
const SAVED_VERSION = 1;

/** Everything a next-best-action model is made of. */
export interface NextBestActionState {
  options: NextBestActionOptions;
  seed: number;
  pipeline: FeaturePipeline;
  bandit: ActionBandit;
  meanContext: number[];
  /** Keys of the events already learned, so an update never counts one twice. */
  learned: string[];
}

/** A trained next-best-action model: recommends one action per contact and says why. */
export class NextBestActionModel implements TrainedModel {
  private readonly baseline: number | undefined;

  constructor(
    readonly state: NextBestActionState,
    readonly metrics: Metrics,
    private readonly logger: Logger,
    private readonly clock: () => number,
  ) {
    // A baseline never tried is only the prior: uplift over it would be meaningless.
    const position = state.options.actions.indexOf(defaultBaseline(state.options) ?? '');
    const tried = position >= 0 && state.bandit.evidence(position).outcomes > 0;
    this.baseline = tried ? position : undefined;
  }

  /** Rebuilds a model from `save()` output, also after a JSON round trip. */
  static load(saved: SavedModel, logger: Logger, clock: () => number): NextBestActionModel {
    assertSavedModelOf(saved, NEXT_BEST_ACTION_PLUGIN_ID);
    const config = saved.config as { version?: unknown; seed?: unknown; options?: unknown } | null;
    const weights = saved.weights as {
      pipeline?: unknown;
      bandit?: unknown;
      meanContext?: unknown;
      learned?: unknown;
    } | null;
    if (
      config?.version !== SAVED_VERSION ||
      typeof config.seed !== 'number' ||
      !weights?.pipeline ||
      !weights.bandit ||
      !Array.isArray(weights.meanContext) ||
      !Array.isArray(weights.learned)
    ) {
      throw new CrmMlError(
        'next_best_action_model_invalid',
        'Saved next-best-action model is incomplete or of another version',
      );
    }
    const state: NextBestActionState = {
      options: parseNextBestActionOptions(config.options),
      seed: config.seed,
      pipeline: FeaturePipeline.fromJSON(weights.pipeline as FeaturePipelineJson),
      bandit: ActionBandit.fromJSON(weights.bandit as ActionBanditJson),
      meanContext: weights.meanContext.map(Number),
      learned: weights.learned.map(String),
    };
    return new NextBestActionModel(state, { ...saved.metrics }, logger, clock);
  }

  save(): SavedModel {
    const { options, seed, pipeline, bandit, meanContext, learned } = this.state;
    return {
      pluginId: NEXT_BEST_ACTION_PLUGIN_ID,
      config: { version: SAVED_VERSION, seed, options: JSON.parse(JSON.stringify(options)) },
      weights: {
        pipeline: pipeline.toJSON() as unknown as Json,
        bandit: bandit.toJSON() as unknown as Json,
        meanContext: [...meanContext],
        learned: [...learned],
      },
      metrics: { ...this.metrics },
    };
  }

  /** A new model that has also learned the outcomes in `context.related` it had not seen. */
  async update(records: readonly CrmRecord[], context: TrainContext): Promise<NextBestActionModel> {
    const { state, metrics } = updateNextBestAction(this.state, this.metrics, records, {
      ...context,
      now: this.clock(),
    });
    return new NextBestActionModel(state, metrics, context.logger, this.clock);
  }

  /** One recommendation per contact; contacts without any usable property get the average pick. */
  async score(records: readonly CrmRecord[]): Promise<RecordScore[]> {
    const { rows, invalidNumbers } = encodeContacts(this.state.pipeline, records);
    if (Object.keys(invalidNumbers).length > 0) {
      this.logger.warn(
        { invalidNumbers },
        'non-numeric values in numeric properties read as blank',
      );
    }

    return records.map((record) => {
      const choice = this.choose(record.id, rows.get(record.id) as Float64Array);
      const context = this.choiceContext(record, rows.get(record.id) as Float64Array);
      return {
        recordId: record.id,
        score: choice.success,
        values: {
          [NBA_ACTION_FIELD]: this.state.options.actions[choice.action] ?? '',
          [NBA_SUCCESS_FIELD]: round1(choice.success * 100),
          [NBA_UPLIFT_FIELD]: round1((choice.success - choice.baseline) * 100),
          [NBA_REASON_FIELD]: reasonSentence(choice, context),
        },
      };
    });
  }

  /**
   * Why the contact gets its action: the expected success beside the baseline, what the
   * model has seen of the action, the properties that tip it, and whether it is exploring.
   */
  async explain(record: CrmRecord): Promise<string[]> {
    const x = encodeContacts(this.state.pipeline, [record]).rows.get(record.id) as Float64Array;
    const choice = this.choose(record.id, x);
    const context = this.choiceContext(record, x);
    const action = this.state.options.actions[choice.action] ?? '';
    const other = comparedAction(choice, this.baseline);
    const reasons = [headline(choice, this.state.options.actions, this.baseline)];
    reasons.push(evidenceWords(choice, context));
    const versus = this.state.options.actions[other];
    for (const driver of choiceDrivers(choice, context)) {
      const words = driverWords(driver, action, context);
      reasons.push(versus === undefined ? words : `${words} over ${versus.replaceAll('_', ' ')}`);
    }
    if (choice.exploring) reasons.push(explorationWords(this.state.options.exploration));
    return reasons;
  }

  private choose(key: string, x: Float64Array): ActionChoice {
    const { bandit, seed, options } = this.state;
    return chooseAction(bandit, x, key, seed, options.exploration, this.baseline);
  }

  private choiceContext(record: CrmRecord, x: Float64Array): ChoiceContext {
    return {
      bandit: this.state.bandit,
      encoded: this.state.pipeline.encoded,
      meanContext: this.state.meanContext,
      x,
      properties: record.properties,
      baseline: this.baseline,
      exploration: this.state.options.exploration,
    };
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
