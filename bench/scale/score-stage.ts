import { scoreRecords, scoreThreadCount } from '../../core/pipeline/score-records.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { ChurnModel } from '../../plugins/churn/churn-model.js';
import type { TrainedModel } from '../../plugins/plugin.js';
import { ratio, round, type BenchRun, type Figures } from './bench-run.js';
import { measureStage } from './stage-meter.js';

// The pipeline's own batch size; the model-only figure uses the same.
const BATCH_SIZE = 5_000;
const MODEL_ONLY_RECORDS = 20_000;

/**
 * Scoring as the pipeline does it (stream from the store, predict in batches, save scores,
 * plan write-back; CPU time counts every thread of the process), then the model alone on a
 * subset: in batches, and one record per call (the baseline), so the two rates compare the
 * same records.
 */
export async function runScoreStage(run: BenchRun): Promise<Figures> {
  const { result, measure } = await measureStage(run.sandbox, () => scoreRecords(run.context));
  const summary = result[0];
  const scored = summary?.scored ?? 0;

  const latest = await run.context.store.models.latest(run.context.connectionId, run.plugin.id);
  if (!latest) throw new Error('score stage: no model was trained');
  const model = await run.plugin.load(latest.saved);
  const subset = await firstRecords(run, MODEL_ONLY_RECORDS);
  const batched = await recordsPerSecond(subset, (records) => scoreInBatches(model, records));
  const predictOnly = await recordsPerSecond(subset, (records) => predictInBatches(model, records));
  const single = subset.slice(0, run.options.baselineRecords);
  const perRecord = await recordsPerSecond(single, (records) => scoreOneByOne(model, records));

  return {
    records: scored,
    queued_for_writeback: summary?.queued ?? 0,
    seconds: round(measure.seconds),
    records_per_s: round(scored / measure.seconds, 1),
    cpu_seconds: round(measure.cpuSeconds),
    records_per_cpu_s: round(scored / measure.cpuSeconds, 1),
    // Worker threads scoring beside the main thread (which reads and writes the store).
    score_threads: scoreThreadCount(run.context),
    peak_rss_mb: round(measure.peakRssMb, 1),
    model_batched_records: subset.length,
    model_batched_records_per_s: round(batched, 1),
    model_predict_only_records_per_s: round(predictOnly, 1),
    baseline_per_record_records: single.length,
    baseline_per_record_records_per_s: round(perRecord, 1),
    batched_vs_per_record: ratio(batched, perRecord),
  };
}

async function firstRecords(run: BenchRun, count: number): Promise<CrmRecord[]> {
  const { store, connectionId } = run.context;
  const records: CrmRecord[] = [];
  for await (const batch of store.records.iterate(connectionId, 'contacts', { batchSize: 5_000 })) {
    records.push(...batch.slice(0, count - records.length));
    if (records.length >= count) break;
  }
  return records;
}

async function recordsPerSecond(
  records: readonly CrmRecord[],
  score: (records: readonly CrmRecord[]) => Promise<number>,
): Promise<number> {
  const started = performance.now();
  const scored = await score(records);
  return scored / ((performance.now() - started) / 1000);
}

async function scoreInBatches(model: TrainedModel, records: readonly CrmRecord[]): Promise<number> {
  let scored = 0;
  for (let start = 0; start < records.length; start += BATCH_SIZE) {
    scored += (await model.score(records.slice(start, start + BATCH_SIZE))).length;
  }
  return scored;
}

/** The churn model's probabilities alone (encode and predict, no drivers): what drivers cost. */
async function predictInBatches(
  model: TrainedModel,
  records: readonly CrmRecord[],
): Promise<number> {
  if (!(model instanceof ChurnModel)) return 0;
  let predicted = 0;
  for (let start = 0; start < records.length; start += BATCH_SIZE) {
    const batch = records.slice(start, start + BATCH_SIZE).map((record) => record.properties);
    const { matrix } = model.pipeline.transform(batch);
    predicted += model.model.predictLogits(matrix).length;
  }
  return predicted;
}

async function scoreOneByOne(model: TrainedModel, records: readonly CrmRecord[]): Promise<number> {
  let scored = 0;
  for (const record of records) scored += (await model.score([record])).length;
  return scored;
}
