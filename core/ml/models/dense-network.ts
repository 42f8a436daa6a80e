import type * as TfNamespace from '@tensorflow/tfjs';

import { CrmMlError } from '../../errors/crm-ml-error.js';
import type { Tf } from '../backend.js';
import type { Matrix } from '../matrix.js';
import { SeededRandom } from '../random.js';
import { stratifiedSplit } from '../split.js';
import type { BinaryModel, FitOptions, SavedBinaryModel } from './binary-model.js';

/** Settings of the small dense network. */
export interface DenseNetworkConfig {
  hidden: number[];
  dropout: number;
  learningRate: number;
  /** L2 penalty on the weight matrices, added to the mean log loss. */
  l2: number;
  batchSize: number;
  maxEpochs: number;
  /** Stop after this many epochs without a better validation log loss. */
  patience: number;
  validationFraction: number;
}

/** Defaults used by `fitBinaryModel('network', …)`: small, since CRM tables are small. */
export const DEFAULT_NETWORK_CONFIG: DenseNetworkConfig = {
  hidden: [32, 16],
  dropout: 0.2,
  learningRate: 0.003,
  l2: 1e-4,
  batchSize: 128,
  maxEpochs: 80,
  patience: 8,
  validationFraction: 0.15,
};

// An update fine-tunes for at most this many epochs at this share of the training step:
// enough to follow new rows, too little to forget what the old ones taught.
const UPDATE_EPOCHS = 10;
const UPDATE_STEP_SHARE = 0.3;

/** One dense layer's weights as plain numbers: `kernel` is row-major [inputs × units]. */
export type LayerWeights = { inputs: number; units: number; kernel: number[]; bias: number[] };

type Tensor2D = TfNamespace.Tensor2D;
type Variable = TfNamespace.Variable;

function glorotLayers(inputs: number, hidden: readonly number[], seed: number): LayerWeights[] {
  const rng = new SeededRandom(seed);
  const sizes = [inputs, ...hidden, 1];
  return sizes.slice(1).map((units, i) => {
    const fanIn = sizes[i] ?? 1;
    const limit = Math.sqrt(6 / (fanIn + units));
    const kernel = Array.from({ length: fanIn * units }, () => (rng.next() * 2 - 1) * limit);
    return { inputs: fanIn, units, kernel, bias: new Array<number>(units).fill(0) };
  });
}

function toFloat32(x: Matrix): Float32Array {
  return Float32Array.from(x.data);
}

/** Dense ReLU layers, then one logit; dropout only while training. */
function forward(
  tf: Tf,
  x: Tensor2D,
  params: readonly { kernel: TfNamespace.Tensor; bias: TfNamespace.Tensor }[],
  dropout?: { rate: number; seed: number },
): Tensor2D {
  let h = x;
  params.forEach((layer, i) => {
    h = tf.add(tf.matMul(h, layer.kernel as Tensor2D), layer.bias) as Tensor2D;
    if (i < params.length - 1) {
      h = tf.relu(h);
      if (dropout && dropout.rate > 0) {
        h = tf.dropout(h, dropout.rate, undefined, dropout.seed + i) as Tensor2D;
      }
    }
  });
  return h;
}

/** A small multi-layer perceptron trained with Adam in TensorFlow.js; weights kept as JSON. */
export class DenseNetwork implements BinaryModel {
  readonly family = 'network' as const;

  constructor(
    private readonly tf: Tf,
    readonly config: DenseNetworkConfig,
    readonly layers: readonly LayerWeights[],
  ) {}

  /** Trains with seeded initial weights, batches and dropout, stopping on validation loss. */
  static async fit(
    tf: Tf,
    x: Matrix,
    y: Float64Array,
    options: FitOptions,
    config: DenseNetworkConfig = DEFAULT_NETWORK_CONFIG,
  ): Promise<DenseNetwork> {
    const rng = new SeededRandom(options.seed);
    const initial = glorotLayers(x.cols, config.hidden, rng.nextUint32());
    const schedule = { learningRate: config.learningRate, maxEpochs: config.maxEpochs };
    const layers = train(tf, x, y, initial, config, schedule, rng, options.signal);
    return new DenseNetwork(tf, config, layers);
  }

  /**
   * Fine-tunes the current weights on the new rows for a few epochs at a smaller step,
   * keeping the epoch with the best log loss on a validation part of them.
   */
  async update(x: Matrix, y: Float64Array, options: FitOptions): Promise<DenseNetwork> {
    const rng = new SeededRandom(options.seed);
    const schedule = {
      learningRate: this.config.learningRate * UPDATE_STEP_SHARE,
      maxEpochs: UPDATE_EPOCHS,
    };
    const layers = train(this.tf, x, y, this.layers, this.config, schedule, rng, options.signal);
    return new DenseNetwork(this.tf, this.config, layers);
  }

  static fromJSON(tf: Tf, saved: SavedBinaryModel): DenseNetwork {
    const { layers } = saved.weights;
    if (!Array.isArray(layers) || layers.length === 0) {
      throw new CrmMlError('ml_model_json_invalid', 'Saved network model lacks layers');
    }
    const config = { ...DEFAULT_NETWORK_CONFIG, ...(saved.config as Partial<DenseNetworkConfig>) };
    return new DenseNetwork(tf, config, layers as unknown as LayerWeights[]);
  }

  predictLogits(x: Matrix): Float64Array {
    const { tf } = this;
    const values = tf.tidy(() => {
      const params = this.layers.map((layer) => ({
        kernel: tf.tensor2d(layer.kernel, [layer.inputs, layer.units]),
        bias: tf.tensor1d(layer.bias),
      }));
      return forward(tf, tf.tensor2d(toFloat32(x), [x.rows, x.cols]), params).dataSync();
    });
    return Float64Array.from(values);
  }

  toJSON(): SavedBinaryModel {
    return {
      family: this.family,
      config: { ...this.config, hidden: [...this.config.hidden] },
      weights: { layers: this.layers.map((layer) => ({ ...layer })) },
    };
  }
}

/** Copies the current weights out of tensors as plain numbers (exact float32 values). */
function snapshot(
  variables: readonly { kernel: Variable; bias: Variable }[],
  shapes: readonly LayerWeights[],
): LayerWeights[] {
  return variables.map((v, i) => ({
    inputs: shapes[i]?.inputs ?? 0,
    units: shapes[i]?.units ?? 0,
    kernel: Array.from(v.kernel.dataSync()),
    bias: Array.from(v.bias.dataSync()),
  }));
}

/** Adam from `initial` weights on a seeded split of (x, y); returns the best-validating weights. */
function train(
  tf: Tf,
  x: Matrix,
  y: Float64Array,
  initial: readonly LayerWeights[],
  config: DenseNetworkConfig,
  schedule: { learningRate: number; maxEpochs: number },
  rng: SeededRandom,
  signal?: AbortSignal,
): LayerWeights[] {
  const split = stratifiedSplit(y, config.validationFraction, rng.nextUint32());
  // tf.variable copies its initial value, so the temporary tensors are made inside tidy.
  const variables = initial.map((layer) =>
    tf.tidy(() => ({
      kernel: tf.variable(tf.tensor2d(layer.kernel, [layer.inputs, layer.units])),
      bias: tf.variable(tf.tensor1d(layer.bias)),
    })),
  );
  const trainable: Variable[] = variables.flatMap((v) => [v.kernel, v.bias]);
  const optimizer = tf.train.adam(schedule.learningRate);
  const xAll = tf.tensor2d(toFloat32(x), [x.rows, x.cols]);
  const yAll = tf.tensor2d(Float32Array.from(y), [x.rows, 1]);
  const validIndex = tf.tensor1d(Int32Array.from(split.test), 'int32');
  const xValid = tf.gather(xAll, validIndex);
  const yValid = tf.gather(yAll, validIndex);

  const validLossNow = (): number =>
    tf.tidy(
      () => tf.losses.sigmoidCrossEntropy(yValid, forward(tf, xValid, variables)).dataSync()[0],
    ) ?? Number.POSITIVE_INFINITY;
  // The first epoch is always kept: an update must learn something from its new rows.
  let best = initial.map((layer) => ({ ...layer }));
  let bestLoss = Number.POSITIVE_INFINITY;
  let stale = 0;
  try {
    for (let epoch = 0; epoch < schedule.maxEpochs && stale < config.patience; epoch++) {
      signal?.throwIfAborted();
      const order = rng.shuffle([...split.train]);
      for (let start = 0; start < order.length; start += config.batchSize) {
        const batch = order.slice(start, start + config.batchSize);
        const dropoutSeed = rng.nextUint32();
        tf.tidy(() => {
          const index = tf.tensor1d(Int32Array.from(batch), 'int32');
          const xb = tf.gather(xAll, index);
          const yb = tf.gather(yAll, index);
          optimizer.minimize(
            () => {
              const logits = forward(tf, xb, variables, {
                rate: config.dropout,
                seed: dropoutSeed,
              });
              const penalty = variables.reduce(
                (sum, v) => tf.add(sum, tf.sum(tf.square(v.kernel))),
                tf.scalar(0),
              );
              return tf.add(tf.losses.sigmoidCrossEntropy(yb, logits), tf.mul(penalty, config.l2));
            },
            false,
            trainable,
          );
        });
      }

      const validLoss = validLossNow();
      if (validLoss < bestLoss - 1e-6) {
        bestLoss = validLoss;
        best = snapshot(variables, initial);
        stale = 0;
      } else {
        stale++;
      }
    }
  } finally {
    // Variables, Adam's slots and the data tensors live outside tidy: free them by hand.
    tf.dispose([xAll, yAll, validIndex, xValid, yValid, ...trainable]);
    optimizer.dispose();
  }
  return best;
}
