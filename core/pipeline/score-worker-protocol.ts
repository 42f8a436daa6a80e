import type { CrmRecord } from '../records/crm-record.js';
import type { RecordScore, SavedModel } from '../../plugins/plugin.js';

/** What a scoring thread starts with: the plugin's worker module and the model to load. */
export interface ScoreWorkerData {
  module: string;
  saved: SavedModel;
}

/** One batch to score. */
export interface ScoreRequest {
  records: CrmRecord[];
}

/** A thread's answers, in the order of its requests: ready once, then scores or an error. */
export type ScoreReply =
  { ready: true } | { scores: RecordScore[] } | { error: { message: string; code: string | null } };
