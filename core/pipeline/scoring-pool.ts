import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { SavedModel } from '../../plugins/plugin.js';
import type { RecordRow } from '../store/record-rows.js';
import type { EncodedScores } from './encoded-scores.js';
import { packRows, unpackScores } from './score-batch-codec.js';
import type { ScoreReply, ScoreRequest, ScoreWorkerData } from './score-worker-protocol.js';

interface Waiting {
  /**
   * The batch's record ids: its rows themselves (megabytes of properties) are let go once
   * sent, or every collection until the answer came would copy them again.
   */
  rowIds: string[];
  resolve: (scores: EncodedScores) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** Batches sent and not answered yet, oldest first: a thread answers in order. */
  waiting: Waiting[];
}

// The worker entry beside this file, with this file's own extension (.ts under tsx, .js built).
const WORKER_URL = new URL(
  `./score-worker${extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
);

/** A thread running the worker entry; under tsx it registers tsx's loader first. */
function startThread(data: ScoreWorkerData): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL, { workerData: data });
  // Loaders given to the main thread (`--import tsx`) do not reach worker threads in Node 20.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(WORKER_URL.href);
  const code = `import(${tsx}).then((api) => { api.register(); return import(${entry}); });`;
  return new Worker(code, { eval: true, workerData: data });
}

function workerFailed(pluginId: string, message: string, cause?: unknown): CrmMlError {
  return new CrmMlError('score_worker_failed', `scoring thread of ${pluginId}: ${message}`, {
    cause,
  });
}

/**
 * Scoring threads for one model: each loads the saved model once, then scores the batches it
 * is sent while the main thread reads and writes the store. A batch goes to the thread with
 * the fewest waiting; answers come back encoded (`EncodedScores`), in `model.score`'s order.
 */
export class ScoringPool {
  private failure: CrmMlError | null = null;

  private constructor(
    private readonly pluginId: string,
    private readonly threads: Thread[],
  ) {}

  /** Starts `size` threads loading `saved` through `module` (see `Plugin.scoreWorker`). */
  static async start(
    pluginId: string,
    module: string,
    saved: SavedModel,
    size: number,
  ): Promise<ScoringPool> {
    const data: ScoreWorkerData = { module, saved };
    const threads: Thread[] = [];
    const ready: Promise<void>[] = [];
    for (let i = 0; i < size; i++) {
      const worker = startThread(data);
      threads.push({ worker, waiting: [] });
      ready.push(
        new Promise((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        }),
      );
    }

    const pool = new ScoringPool(pluginId, threads);
    try {
      await Promise.all(ready);
    } catch (error) {
      await pool.close();
      const message = error instanceof Error ? error.message : String(error);
      throw workerFailed(pluginId, `could not load the model: ${message}`, error);
    }
    threads.forEach((thread) => pool.listen(thread));
    return pool;
  }

  /** Batches sent and not answered yet, on every thread. */
  get pending(): number {
    return this.threads.reduce((sum, thread) => sum + thread.waiting.length, 0);
  }

  /** Scores one batch of stored rows on the least busy thread. */
  score(rows: RecordRow[]): Promise<EncodedScores> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const thread = this.threads.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
    return new Promise((resolve, reject) => {
      thread.waiting.push({ rowIds: rows.map((row) => row.id), resolve, reject });
      thread.worker.postMessage({ batch: packRows(rows) } satisfies ScoreRequest);
    });
  }

  /** Stops every thread; batches still waiting fail. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private listen(thread: Thread): void {
    thread.worker.on('message', (reply: ScoreReply) => {
      const waiting = thread.waiting.shift();
      if (waiting === undefined) return;
      if ('scores' in reply) waiting.resolve(unpackScores(waiting.rowIds, reply.scores));
      else if ('error' in reply) waiting.reject(this.scoreError(reply.error));
    });
    // A thread that dies takes its batches with it; the run fails rather than skip them.
    const fail = (error: unknown) => {
      const message = error instanceof Error ? error.message : `exited with code ${String(error)}`;
      this.failure ??= workerFailed(this.pluginId, message, error);
      for (const waiting of thread.waiting.splice(0)) waiting.reject(this.failure);
    };
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => {
      if (thread.waiting.length > 0) fail(code);
    });
  }

  private scoreError(error: { message: string; code: string | null }): CrmMlError {
    if (error.code !== null) return new CrmMlError(error.code, error.message);
    return workerFailed(this.pluginId, error.message);
  }
}
