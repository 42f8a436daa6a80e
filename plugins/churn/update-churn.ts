import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { FeaturePipeline } from '../../core/ml/feature-pipeline.js';
import { selectRows, selectValues } from '../../core/ml/matrix.js';
import { rocAuc } from '../../core/ml/metrics.js';
import type { BinaryModel } from '../../core/ml/models/binary-model.js';
import { SeededRandom } from '../../core/ml/random.js';
import { canonicalOrder, rowKeys } from '../../core/ml/row-keys.js';
import { stratifiedSplit } from '../../core/ml/split.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { Metrics, TrainContext } from '../plugin.js';
import { parseChurnOptions, type ChurnOptions } from './churn-options.js';
import { churnLabel } from './churn-target.js';
import { splitKey } from './split-key.js';

/** What an update starts from: the parts of a trained churn model it changes or reads. */
export interface ChurnUpdateInput {
  target: string;
  pipeline: FeaturePipeline;
  model: BinaryModel;
  metrics: Metrics;
}

/** The updated binary model and the metrics the new churn model carries. */
export interface ChurnUpdateResult {
  model: BinaryModel;
  metrics: Metrics;
}

const HELD_OUT_FRACTION = 0.2;
// The before/after figures are measured on the held-out part: it needs this many of each class
// for a ROC AUC worth recording, so an update needs MIN_HELD_OUT_PER_CLASS / HELD_OUT_FRACTION
// of each (50); fewer new outcomes wait for the next run or the scheduled retrain.
const MIN_HELD_OUT_PER_CLASS = 10;
const MIN_UPDATE_PER_CLASS = Math.ceil(MIN_HELD_OUT_PER_CLASS / HELD_OUT_FRACTION);
const UPDATE_METRICS = ['update_rows', 'update_roc_auc_before', 'update_roc_auc_after'];

/**
 * Updates a churn model with newly labelled records. The feature pipeline stays as it is
 * (the model's inputs must keep their meaning); the binary model takes its family's update
 * step on 80 % of the new records, is measured before and after on the other 20 % (split by
 * record id), then takes the same step on all of them for the model returned.
 */
export async function updateChurn(
  current: ChurnUpdateInput,
  records: readonly CrmRecord[],
  context: TrainContext,
): Promise<ChurnUpdateResult> {
  const options = parseChurnOptions(context.options);
  if (options.target !== current.target) {
    throw new CrmMlError(
      'churn_update_target_mismatch',
      `Update names target '${options.target}', the model was trained on '${current.target}'`,
    );
  }

  const { rows, y, keys } = labelledInOrder(records, options);
  const x = current.pipeline.transform(rows).matrix;

  const rng = new SeededRandom(context.seed);
  const split = stratifiedSplit(y, HELD_OUT_FRACTION, rng.nextUint32(), keys);
  const fitOptions = {
    seed: rng.nextUint32(),
    ...(context.signal ? { signal: context.signal } : {}),
  };
  const xFit = selectRows(x, split.train);
  const xHeld = selectRows(x, split.test);
  const yHeld = selectValues(y, split.test);
  const measured = await current.model.update(xFit, selectValues(y, split.train), fitOptions);
  const before = rocAuc(yHeld, current.model.predictLogits(xHeld));
  const after = rocAuc(yHeld, measured.predictLogits(xHeld));

  const model = await current.model.update(x, y, fitOptions);
  const kept = Object.entries(current.metrics).filter(([name]) => !UPDATE_METRICS.includes(name));
  const metrics: Metrics = { ...Object.fromEntries(kept), update_rows: y.length };
  // With one class in the held-out part AUC is undefined; leave it out rather than store NaN.
  if (Number.isFinite(before) && Number.isFinite(after)) {
    metrics['update_roc_auc_before'] = before;
    metrics['update_roc_auc_after'] = after;
  }
  context.logger.info(
    { rows: y.length, rocAucBefore: before, rocAucAfter: after },
    'churn model updated',
  );
  return { model, metrics };
}

/** The labelled records' properties and labels in canonical (id) order, with their keys. */
function labelledInOrder(records: readonly CrmRecord[], options: ChurnOptions) {
  const labelled = records
    .map((record) => ({
      record,
      label: churnLabel(record.properties[options.target], options.positive),
    }))
    .filter((entry): entry is { record: CrmRecord; label: 0 | 1 } => entry.label !== undefined);
  const churned = labelled.filter((entry) => entry.label === 1).length;
  const retained = labelled.length - churned;
  if (Math.min(churned, retained) < MIN_UPDATE_PER_CLASS) {
    throw new CrmMlError(
      'churn_update_too_few_labels',
      `Need at least ${MIN_UPDATE_PER_CLASS} churned and ${MIN_UPDATE_PER_CLASS} retained ` +
        `labelled records to update; got ${churned} and ${retained}`,
    );
  }

  // The same canonical order and id-keyed split as training, so row order changes nothing.
  const allKeys = rowKeys(
    labelled.map((entry) => entry.record.properties),
    labelled.map((entry) => splitKey(entry.record, options.idProperty)),
  );
  const order = canonicalOrder(allKeys);
  return {
    rows: order.map((i) => labelled[i]?.record.properties ?? {}),
    y: Float64Array.from(order, (i) => labelled[i]?.label ?? 0),
    keys: order.map((i) => allKeys[i] ?? ''),
  };
}
