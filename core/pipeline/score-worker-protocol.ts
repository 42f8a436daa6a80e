import type { SavedModel } from '../../plugins/plugin.js';
import type { RecordRow } from '../store/record-rows.js';
import type { EncodedScores } from './encoded-scores.js';

/** What a scoring thread starts with: the plugin's worker module and the model to load. */
export interface ScoreWorkerData {
  module: string;
  saved: SavedModel;
}

/**
 * One batch to score, as stored rows: the thread decodes them, so the main thread, which
 * reads and writes the store, neither parses the records nor copies them as objects.
 */
export interface ScoreRequest {
  rows: RecordRow[];
}

/** A thread's answers, in the order of its requests: ready once, then scores or an error. */
export type ScoreReply =
  { ready: true } | { scores: EncodedScores } | { error: { message: string; code: string | null } };
