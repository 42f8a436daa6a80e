import type { CrmMlConfig } from '../config/index.js';
import type { RunSummary } from '../pipeline/run-pipeline.js';
import type { Json } from '../../plugins/plugin.js';
import type { EncryptionKeyring } from '../security/encryption-keyring.js';
import { requireEncryptionKeyring } from '../security/require-encryption-keyring.js';
import { sealJson } from '../security/secret-box.js';
import type { Store } from '../store/index.js';
import { DEFAULT_QUEUE_PREFIX } from './queue-names.js';
import { QueueSet } from './queue-set.js';
import { redisConnection } from './redis-connection.js';
import { assertRedisReachable } from './redis-reachable.js';
import { enqueueRun, waitForRun, type RunProgress } from './run-client.js';

export interface QueuedRunOptions {
  redisUrl: string;
  prefix?: string;
  connectionId: string;
  /** The CRM and its connector settings; default the configured HubSpot portal. */
  crm?: { crm: string; label: string; settings: Json };
  /** The plugins the connection runs, with their options, keyed by plugin id. */
  plugins: Record<string, Record<string, unknown>>;
  /**
   * Encrypts the CRM credentials before they are stored; default CRM_ML_ENCRYPTION_KEY, which
   * the workers decrypting them need too.
   */
  keyring?: EncryptionKeyring;
  forceTrain: boolean;
  /** Wait for the run and return its summary; otherwise return as soon as it is queued. */
  wait: boolean;
  onProgress?: RunProgress;
  /** How long to wait for Redis before failing with `redis_unreachable`; default 3 s. */
  redisTimeoutMs?: number;
}

/** A queued run: its id, and its summary when waited for. */
export interface QueuedRun {
  runId: string;
  summary?: RunSummary;
}

/**
 * Stores the configured CRM connection with its credentials encrypted (workers build
 * their contexts from the store and decrypt with CRM_ML_ENCRYPTION_KEY), enqueues a run for
 * it and, if asked, waits for a worker to finish it.
 */
export async function runOnQueue(
  config: Readonly<CrmMlConfig>,
  store: Store,
  options: QueuedRunOptions,
): Promise<QueuedRun> {
  const keyring = options.keyring ?? requireEncryptionKeyring(process.env);
  // Before anything is stored: the queue's own connection would wait for Redis forever.
  await assertRedisReachable(options.redisUrl, options.redisTimeoutMs);
  const { hubspot } = config;
  const crm = options.crm ?? {
    crm: 'hubspot',
    label: 'HubSpot',
    settings: {
      accessToken: hubspot.accessToken ?? '',
      ...(hubspot.baseUrl ? { basePath: hubspot.baseUrl } : {}),
      ...(hubspot.oauth ? { oauth: { ...hubspot.oauth } } : {}),
    },
  };
  const credentials: Json = crm.settings;
  await store.connections.upsert({
    id: options.connectionId,
    crm: crm.crm,
    label: crm.label,
    settings: {
      connector: sealJson(credentials, keyring) as unknown as Json,
      // Options come from configuration JSON, so they are JSON themselves.
      plugins: options.plugins as Json,
    },
  });

  const queues = new QueueSet({
    connection: redisConnection(options.redisUrl),
    prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
  });
  try {
    const runId = await enqueueRun(queues, {
      connectionId: options.connectionId,
      forceTrain: options.forceTrain,
      storeId: store.id,
    });
    if (!options.wait) return { runId };
    return { runId, summary: await waitForRun(queues, runId, options.onProgress) };
  } finally {
    await queues.close();
  }
}
