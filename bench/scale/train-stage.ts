import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { MODEL_FAMILIES } from '../../core/ml/models/binary-model.js';
import { round, type BenchRun, type Figures } from './bench-run.js';
import { retainedHeapMb } from './retained-heap.js';
import { sampleRecords } from './sample-records.js';
import { measureStage } from './stage-meter.js';

const logger = createLogger('bench.train');

// trainModels() loads every live record (loadLiveRecords); this many show what that costs
// per record, which is then projected to the bench's size instead of loading a million.
const LOAD_PROBE_RECORDS = 50_000;

/**
 * Trains the churn model (logistic and gbdt, chosen by CV AUC) on an even sample of the
 * store and saves it as the connection's latest model. The pipeline's own `trainModels`
 * would load every record; the sample keeps training time and memory independent of N.
 */
export async function runTrainStage(run: BenchRun): Promise<Figures> {
  const { store, connectionId, seed, pluginOptions } = run.context;
  const loadAll = await probeLoadAll(run);

  const { result, measure } = await measureStage(run.sandbox, async () => {
    const sample = await sampleRecords(run, run.options.trainSample);
    const model = await run.plugin.train(sample, {
      logger,
      seed,
      options: pluginOptions[run.plugin.id] ?? {},
    });
    await store.models.save({
      connectionId,
      pluginId: run.plugin.id,
      saved: model.save(),
      trainedAt: run.context.now().toISOString(),
    });
    return { rows: sample.length, metrics: model.metrics };
  });

  const familyIndex = result.metrics['family_index'] ?? -1;
  return {
    records: result.rows,
    seconds: round(measure.seconds),
    family: MODEL_FAMILIES[familyIndex] ?? 'unknown',
    roc_auc: round(result.metrics['roc_auc'] ?? Number.NaN),
    cv_roc_auc: round(result.metrics['cv_roc_auc'] ?? Number.NaN),
    peak_rss_mb: round(measure.peakRssMb, 1),
    load_all_kb_per_record: round(loadAll.kbPerRecord, 2),
    load_all_projected_mb: round((loadAll.kbPerRecord * run.options.customers) / 1024, 1),
  };
}

/** Retained heap per record when records are held in memory, as loadLiveRecords holds them. */
async function probeLoadAll(run: BenchRun): Promise<{ kbPerRecord: number }> {
  const { store, connectionId } = run.context;
  const before = retainedHeapMb();
  const held: CrmRecord[] = [];
  for await (const batch of store.records.iterate(connectionId, 'contacts')) {
    held.push(...batch);
    if (held.length >= LOAD_PROBE_RECORDS) break;
  }
  const after = retainedHeapMb();
  const kbPerRecord = held.length === 0 ? 0 : ((after - before) * 1024) / held.length;
  held.length = 0;
  return { kbPerRecord };
}
