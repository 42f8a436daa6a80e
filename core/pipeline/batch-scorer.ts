import type { RelatedRecords, TrainedModel } from '../../plugins/plugin.js';
import { toCrmRecord, type RecordRow } from '../store/record-rows.js';
import { encodeScores, type EncodedScores } from './encoded-scores.js';
import type { ScoringPool } from './scoring-pool.js';

/** A scored batch, with the time its records were read for scoring. */
export interface ScoredBatch {
  batch: EncodedScores;
  scoredAt: string;
}

/** A batch being scored, and whether its scores are in. */
interface Scoring {
  scored: Promise<ScoredBatch>;
  done: boolean;
}

// Batches a thread is given before this thread scores the next one itself.
const AHEAD_PER_THREAD = 2;

// Batches scored and not stored yet, at most: memory stays flat in the number of customers.
const MAX_UNSTORED = 4;

/**
 * Scores batches of stored rows on scoring threads and on this thread together, and stores
 * them in read order, so where a batch was scored never changes a result. This thread
 * stores whatever is scored first; with nothing to store, it sends the next batch to a
 * thread with room, or else scores it itself rather than wait. It also scores every batch
 * until the threads have started (each loads the model first, half a second under tsx).
 */
export class BatchScorer {
  private pool: ScoringPool | null = null;
  private readonly ahead: number;

  /**
   * `starting` resolves to the threads once they have loaded the model (null if they could
   * not); without it, every batch is scored here. Closing the threads is the caller's.
   */
  constructor(
    private readonly model: TrainedModel,
    private readonly related: RelatedRecords,
    private readonly starting: Promise<ScoringPool | null> | null,
    threads: number,
  ) {
    this.ahead = threads * AHEAD_PER_THREAD;
    void starting?.then((pool) => (this.pool = pool));
  }

  /** Scores each batch of `batches` and hands it to `store`, one at a time, in read order. */
  async scoreAll(
    batches: AsyncIterable<RecordRow[]>,
    now: () => Date,
    store: (scored: ScoredBatch) => Promise<void>,
  ): Promise<void> {
    const unstored: Scoring[] = [];
    const storeOldest = async () => store(await (unstored.shift() as Scoring).scored);
    const limit = this.starting === null ? 0 : MAX_UNSTORED;

    for await (const rows of batches) {
      // The store's calls never leave this thread's loop: a turn of it hears the threads.
      if (this.starting !== null) await new Promise((resolve) => setImmediate(resolve));
      while (unstored[0]?.done === true) await storeOldest();

      unstored.push(this.track(this.score(rows), now().toISOString()));
      while (unstored.length > limit) await storeOldest();
    }
    while (unstored.length > 0) await storeOldest();
  }

  /** Scores one batch on a thread with room, or here. */
  async score(rows: RecordRow[]): Promise<EncodedScores> {
    if (this.pool !== null && this.pool.pending < this.ahead) return this.pool.score(rows);
    return encodeScores(await this.model.score(rows.map(toCrmRecord), this.related));
  }

  private track(encoded: Promise<EncodedScores>, scoredAt: string): Scoring {
    const scoring: Scoring = {
      scored: encoded.then((batch) => {
        scoring.done = true;
        return { batch, scoredAt };
      }),
      done: false,
    };
    // Awaited in turn; until then a failure must not count as unhandled.
    scoring.scored.catch(() => undefined);
    return scoring;
  }
}
