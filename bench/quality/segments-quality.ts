import { readCsv } from '../../core/csv/index.js';
import { adjustedRandIndex } from '../../core/ml/adjusted-rand-index.js';
import { zeroMatrix } from '../../core/ml/matrix.js';
import { readOrderRows } from '../../core/ml/order-lines.js';
import { SeededRandom } from '../../core/ml/random.js';
import { silhouetteScore } from '../../core/ml/silhouette.js';
import { customerFeatures, fitSegments, SegmentsModel } from '../../plugins/segments/index.js';
import { FeatureScaler } from '../../plugins/segments/feature-scaler.js';
import type { QualityRow } from './quality-row.js';
import { RfmQuantileSegments } from './rfm-quantile-segments.js';

const FIELDS = {
  customer: 'CustomerID',
  time: 'InvoiceDate',
  quantity: 'Quantity',
  price: 'UnitPrice',
  invoice: 'InvoiceNo',
};
// The silhouette is quadratic in customers: the same seeded sample scores both partitions.
const SILHOUETTE_SAMPLE = 2000;
const STABILITY_SEEDS = [1, 2, 3];
const SUBSAMPLE = 0.8;

/**
 * Segments on UCI Online Retail beside RFM quantile groups with the same number of segments:
 * the silhouette of each partition in the model's scaled feature space (in-sample), and its
 * stability, the adjusted Rand index between the partition of all customers and the one
 * refitted on a random 80 % of them (mean over three draws, every customer assigned).
 */
export async function segmentsQuality(retailPath: string, dataset: string): Promise<QualityRow[]> {
  const { rows } = await readCsv(retailPath);
  const { features, values } = customerFeatures(readOrderRows(rows, FIELDS).lines);
  const customers = [...values.keys()].sort();
  const table = customers.map((customer) => values.get(customer) as number[]);
  const recency = features.indexOf('recency_days');

  const state = fitSegments(values, features, { seed: 42, kMin: 2, kMax: 8 });
  const k = state.centroids.length;
  const ours = partition(modelOf(state, FIELDS), table);
  const baseline = RfmQuantileSegments.fit(table, recency, k);
  const quantiles = table.map((row) => baseline.assign(row));

  const scaled = scaledSample(state.scaler, table);
  const silhouette = (labels: number[]) =>
    silhouetteScore(
      scaled.x,
      Int32Array.from(scaled.indices, (i) => labels[i] ?? 0),
      k,
    );

  let oursStability = 0;
  let baselineStability = 0;
  for (const seed of STABILITY_SEEDS) {
    const chosen = new SeededRandom(seed)
      .shuffle(customers.map((_, i) => i))
      .slice(0, Math.round(customers.length * SUBSAMPLE));
    const subset = new Map(chosen.map((i) => [customers[i] as string, table[i] as number[]]));
    const refit = fitSegments(subset, features, { seed, k, kMin: 2, kMax: 8 });
    oursStability += adjustedRandIndex(ours, partition(modelOf(refit, FIELDS), table));
    const requantiled = RfmQuantileSegments.fit([...subset.values()], recency, k);
    baselineStability += adjustedRandIndex(
      quantiles,
      table.map((row) => requantiled.assign(row)),
    );
  }

  const row = (metric: string, value: number, base: number, protocol: string): QualityRow => ({
    plugin: 'segments',
    dataset: `${dataset} (${customers.length} customers)`,
    metric,
    ours: value,
    baseline: base,
    baselineName: `RFM quantiles, k=${k}`,
    protocol,
  });
  return [
    row(`silhouette (k=${k})`, silhouette(ours), silhouette(quantiles), 'in-sample, 2,000 sampled'),
    row(
      'stability, adjusted Rand',
      oursStability / STABILITY_SEEDS.length,
      baselineStability / STABILITY_SEEDS.length,
      'refit on 80 %, mean of 3',
    ),
  ];
}

function modelOf(state: ReturnType<typeof fitSegments>, fields: typeof FIELDS): SegmentsModel {
  return new SegmentsModel({ version: 1, fields, properties: [] }, state, {});
}

function partition(model: SegmentsModel, table: readonly number[][]): number[] {
  return table.map((row) => model.assign(row));
}

function scaledSample(
  scaler: ConstructorParameters<typeof FeatureScaler>[0],
  table: readonly number[][],
): { x: ReturnType<typeof zeroMatrix>; indices: number[] } {
  const transform = new FeatureScaler(scaler);
  const indices = new SeededRandom(42)
    .shuffle(table.map((_, i) => i))
    .slice(0, SILHOUETTE_SAMPLE)
    .sort((a, b) => a - b);
  const columns = scaler.length;
  const x = zeroMatrix(indices.length, columns);
  indices.forEach((i, r) => x.data.set(transform.transform(table[i] ?? []), r * columns));
  return { x, indices };
}
