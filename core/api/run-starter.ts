import type { ChangedRecords } from '../pipeline/pipeline-jobs.js';

/** The kinds of run the API can start. */
export type RunKind = 'pipeline' | 'sync' | 'train' | 'score' | 'writeback';

export interface RunRequest {
  connectionId: string;
  kind: RunKind;
  /** Train even when the latest models are fresh (pipeline and train runs). */
  forceTrain: boolean;
  /** Pipeline runs for CRM webhooks: read and rescore only these records. */
  changes?: ChangedRecords;
}

/**
 * Starts runs for the API. Contract: `start` returns once the run is recorded in the store's
 * run history (so the returned id can be read back at once) and does the work afterwards,
 * recording success or failure on that run. Starting a run of a connection that has one
 * running fails with `run_in_progress`. Implementations: the in-process starter (default) and
 * a queue-backed one (BullMQ) with the same behaviour.
 */
export interface RunStarter {
  start(request: RunRequest): Promise<number>;
  /** Waits for the runs under way, then releases what the starter holds. */
  close(): Promise<void>;
}
