import type { SavedModel } from '../../plugins/plugin.js';
import type { PackedScores } from './score-batch-codec.js';

/** What a scoring thread starts with: the plugin's worker module and the model to load. */
export interface ScoreWorkerData {
  module: string;
  saved: SavedModel;
}

/**
 * One batch to score, as `packRows` text: the thread decodes the records, so the main
 * thread, which reads and writes the store, neither parses them nor copies them as objects.
 */
export interface ScoreRequest {
  batch: string;
}

/** A thread's answers, in the order of its requests: ready once, then scores or an error. */
export type ScoreReply =
  { ready: true } | { scores: PackedScores } | { error: { message: string; code: string | null } };
