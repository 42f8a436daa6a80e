import { parentPort, workerData } from 'node:worker_threads';

import type { CrmRecord } from '../records/crm-record.js';
import type { SavedModel, TrainedModel } from '../../plugins/plugin.js';
import type { ScoreReply, ScoreRequest, ScoreWorkerData } from './score-worker-protocol.js';

/**
 * A scoring thread: loads the model once from its saved JSON through the plugin's worker
 * module (`Plugin.scoreWorker`), then scores the batches the pool sends, one at a time.
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
      .then(() => answer(model, request.records))
      .then((reply) => port.postMessage(reply));
  });
  port.postMessage({ ready: true } satisfies ScoreReply);
}

async function answer(model: TrainedModel, records: CrmRecord[]): Promise<ScoreReply> {
  try {
    return { scores: await model.score(records) };
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
