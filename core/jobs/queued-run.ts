import type { CrmMlConfig } from '../config/index.js';
import type { RunSummary } from '../pipeline/run-pipeline.js';
import type { Store } from '../store/index.js';
import { QueueSet } from './queue-set.js';
import { redisConnection } from './redis-connection.js';
import { enqueueRun, waitForRun, type RunProgress } from './run-client.js';

export interface QueuedRunOptions {
  redisUrl: string;
  prefix?: string;
  connectionId: string;
  forceTrain: boolean;
  /** Wait for the run and return its summary; otherwise return as soon as it is queued. */
  wait: boolean;
  onProgress?: RunProgress;
}

/** A queued run: its id, and its summary when waited for. */
export interface QueuedRun {
  runId: string;
  summary?: RunSummary;
}

/**
 * Stores the configured HubSpot connection (workers build their contexts from the store),
 * enqueues a run for it and, if asked, waits for a worker to finish it.
 */
export async function runOnQueue(
  config: Readonly<CrmMlConfig>,
  store: Store,
  options: QueuedRunOptions,
): Promise<QueuedRun> {
  const { hubspot } = config;
  await store.connections.upsert({
    id: options.connectionId,
    crm: 'hubspot',
    label: 'HubSpot',
    settings: {
      connector: {
        accessToken: hubspot.accessToken ?? '',
        ...(hubspot.baseUrl ? { basePath: hubspot.baseUrl } : {}),
        ...(hubspot.oauth ? { oauth: hubspot.oauth } : {}),
      },
      plugins: { churn: { ...config.churn } },
    },
  });

  const queues = new QueueSet({
    connection: redisConnection(options.redisUrl),
    prefix: options.prefix ?? 'crm-ml',
  });
  try {
    const runId = await enqueueRun(queues, {
      connectionId: options.connectionId,
      forceTrain: options.forceTrain,
    });
    if (!options.wait) return { runId };
    return { runId, summary: await waitForRun(queues, runId, options.onProgress) };
  } finally {
    await queues.close();
  }
}
