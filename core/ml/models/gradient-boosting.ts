import { CrmMlError } from '../../errors/crm-ml-error.js';
import { selectRows, selectValues, sigmoid, type Matrix } from '../matrix.js';
import { SeededRandom } from '../random.js';
import { stratifiedSplit } from '../split.js';
import type { BinaryModel, FitOptions, SavedBinaryModel } from './binary-model.js';
import { binMatrix, growTree, treeValue, type FlatTree } from './regression-tree.js';

/** Settings of the boosted trees. */
export interface GradientBoostingConfig {
  learningRate: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  maxRounds: number;
  /** Share of training rows each tree sees, drawn with the seed. */
  subsample: number;
  maxBins: number;
  /** Rows held back to decide when to stop adding trees. */
  validationFraction: number;
  /** Stop after this many rounds without a better validation log loss. */
  patience: number;
}

// Shallow trees and a small step: CRM tables are small and noisy, so variance is the enemy.
export const DEFAULT_GBDT_CONFIG: GradientBoostingConfig = {
  learningRate: 0.05,
  maxDepth: 3,
  minSamplesLeaf: 20,
  l2: 1,
  maxRounds: 600,
  subsample: 0.8,
  maxBins: 32,
  validationFraction: 0.15,
  patience: 40,
};

function pointLoss(label: number, logit: number): number {
  return Math.max(logit, 0) + Math.log1p(Math.exp(-Math.abs(logit))) - label * logit;
}

/** Gradient-boosted regression trees on binary log loss, histogram splits, early stopping. */
export class GradientBoosting implements BinaryModel {
  readonly family = 'gbdt' as const;

  constructor(
    readonly config: GradientBoostingConfig,
    readonly base: number,
    readonly trees: readonly FlatTree[],
  ) {}

  static fit(
    x: Matrix,
    y: Float64Array,
    options: FitOptions,
    config: GradientBoostingConfig = DEFAULT_GBDT_CONFIG,
  ): GradientBoosting {
    const rng = new SeededRandom(options.seed);
    const split = stratifiedSplit(y, config.validationFraction, rng.nextUint32());
    const train = selectRows(x, split.train);
    const trainY = selectValues(y, split.train);
    const valid = selectRows(x, split.test);
    const validY = selectValues(y, split.test);

    // Start from the prior log-odds so the first trees model structure, not the base rate.
    const prior = trainY.reduce((s, v) => s + v, 0) / Math.max(1, trainY.length);
    const base = Math.log(Math.max(prior, 1e-6) / Math.max(1 - prior, 1e-6));

    const binned = binMatrix(train, config.maxBins);
    const trainLogit = new Float64Array(train.rows).fill(base);
    const validLogit = new Float64Array(valid.rows).fill(base);
    const grad = new Float64Array(train.rows);
    const hess = new Float64Array(train.rows);
    const allRows = Array.from({ length: train.rows }, (_, i) => i);
    const trees: FlatTree[] = [];
    let bestLoss = Number.POSITIVE_INFINITY;
    let bestRounds = 0;

    for (let round = 0; round < config.maxRounds; round++) {
      options.signal?.throwIfAborted();
      for (let r = 0; r < train.rows; r++) {
        const p = sigmoid(trainLogit[r] ?? 0);
        grad[r] = p - (trainY[r] ?? 0);
        hess[r] = Math.max(p * (1 - p), 1e-6);
      }
      const sample = allRows.filter(() => rng.next() < config.subsample);
      const tree = growTree(binned, sample, grad, hess, config);
      trees.push(tree);

      for (let r = 0; r < train.rows; r++)
        trainLogit[r] = (trainLogit[r] ?? 0) + treeValue(tree, train, r);
      let loss = 0;
      for (let r = 0; r < valid.rows; r++) {
        validLogit[r] = (validLogit[r] ?? 0) + treeValue(tree, valid, r);
        loss += pointLoss(validY[r] ?? 0, validLogit[r] ?? 0);
      }

      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        bestRounds = trees.length;
      } else if (trees.length - bestRounds >= config.patience) {
        break;
      }
    }
    return new GradientBoosting(config, base, trees.slice(0, Math.max(1, bestRounds)));
  }

  static fromJSON(saved: SavedBinaryModel): GradientBoosting {
    const { base, trees } = saved.weights;
    if (typeof base !== 'number' || !Array.isArray(trees)) {
      throw new CrmMlError('ml_model_json_invalid', 'Saved gbdt model lacks base/trees');
    }
    const config = { ...DEFAULT_GBDT_CONFIG, ...(saved.config as Partial<GradientBoostingConfig>) };
    return new GradientBoosting(config, base, trees as unknown as FlatTree[]);
  }

  predictLogits(x: Matrix): Float64Array {
    const out = new Float64Array(x.rows).fill(this.base);
    for (const tree of this.trees) {
      for (let r = 0; r < x.rows; r++) out[r] = (out[r] ?? 0) + treeValue(tree, x, r);
    }
    return out;
  }

  toJSON(): SavedBinaryModel {
    return {
      family: this.family,
      config: { ...this.config },
      weights: { base: this.base, trees: this.trees.map((t) => ({ ...t })) },
    };
  }
}
