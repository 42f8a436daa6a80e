import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { RecordsChangedHandler } from '../webhooks/inbound-changes.js';
import type { RunStarter } from './run-starter.js';

const logger = createLogger('api.rescore');

/** How often a connection whose run was busy is tried again. */
const RETRY_MS = 5_000;

/** Starts incremental runs for CRM changes; `close` stops the retries. */
export interface RescoreTrigger {
  onRecordsChanged: RecordsChangedHandler;
  close(): void;
}

/**
 * Turns inbound CRM changes into incremental runs: the run's sync reads exactly what changed
 * since its cursor, and scoring covers just those records. A change that arrives while the
 * connection's run is under way is not dropped: the connection is tried again until a new run
 * starts, so the change is picked up after the current one.
 */
export function createRescoreTrigger(runs: RunStarter): RescoreTrigger {
  const waiting = new Map<string, NodeJS.Timeout>();

  const start = async (connectionId: string): Promise<void> => {
    waiting.delete(connectionId);
    try {
      const runId = await runs.start({ connectionId, kind: 'pipeline', forceTrain: false });
      logger.info({ connectionId, runId }, 'rescoring started for CRM changes');
    } catch (error) {
      if (!(error instanceof CrmMlError && error.code === 'run_in_progress')) {
        logger.error({ connectionId, err: error }, 'rescoring could not start');
        return;
      }
      if (!waiting.has(connectionId)) {
        waiting.set(
          connectionId,
          setTimeout(() => void start(connectionId), RETRY_MS),
        );
      }
    }
  };

  return {
    async onRecordsChanged(connectionId, objectType, recordIds) {
      logger.info({ connectionId, objectType, records: recordIds.length }, 'CRM records changed');
      if (!waiting.has(connectionId)) await start(connectionId);
    },
    close() {
      for (const timer of waiting.values()) clearTimeout(timer);
      waiting.clear();
    },
  };
}
