import { trainModels } from '../../core/pipeline/train-models.js';
import { MODEL_FAMILIES } from '../../core/ml/models/binary-model.js';
import { round, type BenchRun, type Figures } from './bench-run.js';
import { measureStage } from './stage-meter.js';

/**
 * Trains the churn model (logistic and gbdt, chosen by CV AUC) through the pipeline's own
 * `trainModels`, which streams the store and keeps a uniform sample of at most
 * `--train-sample` customers: training time and memory stay independent of N.
 */
export async function runTrainStage(run: BenchRun): Promise<Figures> {
  const maxRecords = run.options.trainSample;
  const { result, measure } = await measureStage(run.sandbox, () =>
    trainModels(run.context, { force: true, maxRecords }),
  );
  const summary = result.find((entry) => entry.pluginId === run.plugin.id);
  if (!summary?.trained) throw new Error('train stage: the churn model was not trained');

  const { metrics } = summary;
  return {
    records: summary.records,
    seconds: round(measure.seconds),
    family: MODEL_FAMILIES[metrics['family_index'] ?? -1] ?? 'unknown',
    roc_auc: round(metrics['roc_auc'] ?? Number.NaN),
    cv_roc_auc: round(metrics['cv_roc_auc'] ?? Number.NaN),
    peak_rss_mb: round(measure.peakRssMb, 1),
  };
}
