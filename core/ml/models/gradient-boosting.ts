import { CrmMlError } from '../../errors/crm-ml-error.js';
import { selectRows, selectValues, sigmoid, type Matrix } from '../matrix.js';
import { SeededRandom } from '../random.js';
import { stratifiedSplit, type SplitIndices } from '../split.js';
import type { ColumnGroups } from '../column-groups.js';
import type { BinaryModel, Explanation, FitOptions, SavedBinaryModel } from './binary-model.js';
import { LevelForest } from './level-forest.js';
import { PackedForest } from './packed-forest.js';
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
  private packed: LevelForest | PackedForest | undefined;

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
    const trainY = selectValues(y, split.train);

    // Start from the prior log-odds so the first trees model structure, not the base rate.
    const prior = trainY.reduce((s, v) => s + v, 0) / Math.max(1, trainY.length);
    const base = Math.log(Math.max(prior, 1e-6) / Math.max(1 - prior, 1e-6));

    const start = new Float64Array(x.rows).fill(base);
    const trees = boost(x, y, start, split, config, rng, options.signal);
    return new GradientBoosting(config, base, trees.length > 0 ? trees : [leafTree(0)]);
  }

  /**
   * Adds trees fitted to the new rows' residuals under the current model, with the same
   * shrinkage and tree limits; a validation part of the new rows decides how many (maybe
   * none, when nothing helps). The existing trees are kept as they are.
   */
  async update(x: Matrix, y: Float64Array, options: FitOptions): Promise<GradientBoosting> {
    const rng = new SeededRandom(options.seed);
    const split = stratifiedSplit(y, this.config.validationFraction, rng.nextUint32());
    const added = boost(x, y, this.predictLogits(x), split, this.config, rng, options.signal);
    return new GradientBoosting(this.config, this.base, [...this.trees, ...added]);
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
    this.forest().addLeafValues(x, out);
    return out;
  }

  /**
   * Log-odds and path credits (see `PackedForest.addLogitsAndCredits`) from one walk per
   * tree and row. The reference is the one the trees learned, each root's value being the
   * training average, so `reference` is not needed.
   */
  explain(x: Matrix, _reference: Float64Array, groups: ColumnGroups): Explanation {
    const logits = new Float64Array(x.rows).fill(this.base);
    const contributions = new Float64Array(x.rows * groups.width);
    this.forest().addLogitsAndCredits(x, logits, contributions, groups);
    return { logits, contributions };
  }

  // Packed on first use; the trees never change after construction. Shallow trees (the
  // default depth 3) take the level layout, which walks them several times faster.
  private forest(): LevelForest | PackedForest {
    this.packed ??= LevelForest.of(this.trees) ?? PackedForest.of(this.trees);
    return this.packed;
  }

  toJSON(): SavedBinaryModel {
    return {
      family: this.family,
      config: { ...this.config },
      weights: { base: this.base, trees: this.trees.map((t) => ({ ...t })) },
    };
  }
}

/** A single-leaf tree adding `value` to every row. */
function leafTree(value: number): FlatTree {
  return { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [value] };
}

/**
 * Boosts from `start` logits on `split.train`, keeping the prefix of trees with the best
 * log loss on `split.test` (stopping after `patience` rounds without a better one).
 */
function boost(
  x: Matrix,
  y: Float64Array,
  start: Float64Array,
  split: SplitIndices,
  config: GradientBoostingConfig,
  rng: SeededRandom,
  signal?: AbortSignal,
): FlatTree[] {
  const train = selectRows(x, split.train);
  const trainY = selectValues(y, split.train);
  const valid = selectRows(x, split.test);
  const validY = selectValues(y, split.test);
  const trainLogit = selectValues(start, split.train);
  const validLogit = selectValues(start, split.test);

  const binned = binMatrix(train, config.maxBins);
  const grad = new Float64Array(train.rows);
  const hess = new Float64Array(train.rows);
  const allRows = Array.from({ length: train.rows }, (_, i) => i);
  const trees: FlatTree[] = [];
  let bestLoss = 0;
  for (let r = 0; r < valid.rows; r++) bestLoss += pointLoss(validY[r] ?? 0, validLogit[r] ?? 0);
  let bestRounds = 0;

  for (let round = 0; round < config.maxRounds; round++) {
    signal?.throwIfAborted();
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
  return trees.slice(0, bestRounds);
}
