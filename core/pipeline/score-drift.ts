import type { RelatedRecords, SavedModel, TrainedModel } from '../../plugins/plugin.js';
import type { CrmRecord } from '../records/crm-record.js';
import { DEFAULT_DRIFT_PSI, referenceMetrics, scoreReference } from '../ml/population-stability.js';
import type { PipelineContext } from './pipeline-context.js';

/** Training records scored for the reference distribution: enough for stable deciles. */
const REFERENCE_RECORDS = 2_000;
/** Runs looked back through for the last score stage of a plugin. */
const RUNS_LOOKED_AT = 5;

/**
 * The model as saved (`saved`, what its `save` returned), with the distribution of its scores
 * on (a sample of) the records it was trained on stored beside its metrics, so later score
 * stages can measure drift against it.
 */
export async function withScoreReference(
  model: TrainedModel,
  saved: SavedModel,
  records: readonly CrmRecord[],
  related: RelatedRecords,
): Promise<SavedModel> {
  const step = Math.max(1, Math.floor(records.length / REFERENCE_RECORDS));
  const sample = records.filter((_, index) => index % step === 0).slice(0, REFERENCE_RECORDS);
  if (sample.length === 0) return saved;

  const scores = await model.score(sample, related);
  const reference = scoreReference(scores.map((score) => score.score));
  if (reference === null) return saved;
  return { ...saved, metrics: { ...saved.metrics, ...referenceMetrics(reference) } };
}

/** Whether a PSI means the scores drifted, by the context's threshold. */
export function isDrift(context: PipelineContext, psi: number): boolean {
  return psi > (context.driftPsi ?? DEFAULT_DRIFT_PSI);
}

/**
 * The PSI the connection's last score stage measured for `version` of the plugin, when it was
 * above the threshold; null otherwise. The run history is where the measurement is kept, so a
 * drift found by one run makes the next run retrain, whichever worker runs it.
 */
export async function driftedLastRun(
  context: PipelineContext,
  pluginId: string,
  version: number,
): Promise<number | null> {
  const runs = await context.store.runs.list(context.connectionId, { limit: RUNS_LOOKED_AT });
  for (const run of runs) {
    const scored = (run.summary as { score?: unknown } | null)?.score;
    if (!Array.isArray(scored)) continue;

    const entry = scored.find(
      (item: unknown) => (item as { pluginId?: unknown } | null)?.pluginId === pluginId,
    ) as { modelVersion?: unknown; psi?: unknown } | undefined;
    if (entry === undefined) continue;
    if (entry.modelVersion !== version || typeof entry.psi !== 'number') return null;
    return isDrift(context, entry.psi) ? entry.psi : null;
  }
  return null;
}
