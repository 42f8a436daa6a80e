import type { RecordScore } from '../../plugins/plugin.js';
import type { PropertyValue } from '../records/crm-record.js';
import { decodeJson, encodeJson } from '../store/column-codec.js';

/**
 * A scored batch as the store takes it: each record's field values encoded once as JSON text,
 * the form both the score row and the outbox entry keep, and the one a scoring thread can
 * hand back without the values being copied as objects. Index `i` of each list is one record.
 */
export interface EncodedScores {
  recordIds: string[];
  scores: Float64Array;
  /** JSON text of each record's field values, keyed by the plugin's field names. */
  values: string[];
}

export function encodeScores(scores: readonly RecordScore[]): EncodedScores {
  const recordIds = new Array<string>(scores.length);
  const numbers = new Float64Array(scores.length);
  const values = new Array<string>(scores.length);
  scores.forEach((score, i) => {
    recordIds[i] = score.recordId;
    numbers[i] = score.score;
    values[i] = encodeJson(score.values);
  });
  return { recordIds, scores: numbers, values };
}

export function decodeValues(json: string): Record<string, PropertyValue> {
  return decodeJson<Record<string, PropertyValue>>(json);
}
