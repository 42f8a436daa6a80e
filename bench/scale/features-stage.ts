import { FeaturePipeline } from '../../core/ml/feature-pipeline.js';
import { round, type BenchRun, type Figures } from './bench-run.js';
import { sampleRecords } from './sample-records.js';
import { measureStage } from './stage-meter.js';

const BATCH_SIZE = 5_000;

/**
 * The feature pipeline on its own: fitted on the training sample (as training does), then
 * every stored customer streamed through `transform` in batches, as scoring does.
 */
export async function runFeaturesStage(run: BenchRun): Promise<Figures> {
  const { store, connectionId } = run.context;
  const sample = await sampleRecords(run, run.options.trainSample);
  const pipeline = FeaturePipeline.fit(
    sample.map((record) => record.properties),
    { exclude: ['churn'] },
  );

  const { result, measure } = await measureStage(run.sandbox, async () => {
    let records = 0;
    let cells = 0;
    const batches = store.records.iterate(connectionId, 'contacts', { batchSize: BATCH_SIZE });
    for await (const batch of batches) {
      const { matrix } = pipeline.transform(batch.map((record) => record.properties));
      records += batch.length;
      cells += matrix.rows * matrix.cols;
    }
    return { records, columns: records === 0 ? 0 : cells / records };
  });

  return {
    records: result.records,
    fitted_on: sample.length,
    encoded_columns: result.columns,
    seconds: round(measure.seconds),
    records_per_s: round(result.records / measure.seconds, 1),
    peak_rss_mb: round(measure.peakRssMb, 1),
  };
}
