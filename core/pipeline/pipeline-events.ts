import type { PropertyValue } from '../records/crm-record.js';
import type { RunSummary } from './run-pipeline.js';

/** A record whose written values a run changed, with what it had before. */
export interface ScoreChange {
  pluginId: string;
  recordId: string;
  /** The plugin's headline score now (churn: probability 0–1). */
  score: number;
  values: Record<string, PropertyValue>;
  /** The last values (and score, when known) the record had; null for a first score. */
  previous: { score: number | null; values: Record<string, PropertyValue> } | null;
}

/** A run that stopped with an error: there is no `RunSummary` for it. */
export interface FailedRun {
  runId: string;
  connectionId: string;
  error: string;
}

/**
 * Hears what runs do, for subscribers outside the pipeline (signed webhooks). Contract:
 * `scoresChanged` is called once per scored batch with the records whose values changed;
 * `runFinished` once per run. A listener's failure is logged by the caller, never fatal to
 * the run.
 */
export interface PipelineEvents {
  scoresChanged(
    connectionId: string,
    runId: string,
    changes: readonly ScoreChange[],
  ): Promise<void>;
  runFinished(outcome: RunSummary | FailedRun): Promise<void>;
}
