import { parentPort, workerData } from 'node:worker_threads';

import type { SavedModel, TrainedModel } from '../../plugins/plugin.js';
import { encodeScores } from './encoded-scores.js';
import { packScores, unpackRows, type PackedScores } from './score-batch-codec.js';
import type { ScoreReply, ScoreRequest, ScoreWorkerData } from './score-worker-protocol.js';

/**
 * A scoring thread: loads the model once from its saved JSON through the plugin's worker
 * module (`Plugin.scoreWorker`), then scores the batches of stored rows the pool sends, one
 * at a time, answering with their values already encoded for the store.
 */
async function serve(data: ScoreWorkerData): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('score-worker runs only as a worker thread');

  const module = (await import(data.module)) as {
    load?: (saved: SavedModel) => Promise<TrainedModel>;
  };
  if (typeof module.load !== 'function') {
    throw new Error(`${data.module} exports no load(saved) function`);
  }
  const model = await module.load(data.saved);

  // One batch at a time, so answers leave in the order their batches came.
  let previous = Promise.resolve();
  port.on('message', (request: ScoreRequest) => {
    previous = previous
      .then(() => answer(model, request.batch))
      .then((reply) => {
        // The typed arrays' buffers move to the main thread instead of being copied.
        const { scores } = reply as { scores?: PackedScores };
        const transfer = scores ? [scores.rows.buffer, scores.scores.buffer] : [];
        port.postMessage(reply, transfer as ArrayBuffer[]);
      });
  });
  port.postMessage({ ready: true } satisfies ScoreReply);
}

async function answer(model: TrainedModel, batch: string): Promise<ScoreReply> {
  try {
    const records = unpackRows(batch);
    return { scores: packScores(records, encodeScores(await model.score(records))) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      error: {
        message: error instanceof Error ? error.message : String(error),
        code: typeof code === 'string' ? code : null,
      },
    };
  }
}

void serve(workerData as ScoreWorkerData);
