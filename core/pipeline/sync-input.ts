import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { ObjectType } from '../records/crm-record.js';
import type { PipelineContext, StageProgress } from './pipeline-context.js';
import { emptySyncSummary, syncRecords, type SyncSummary } from './sync-records.js';

const logger = createLogger('pipeline.sync');

/**
 * Syncs a type that plugins only read (orders, notes…). An account without it (Salesforce
 * Orders not enabled, a HubSpot token without the orders scope) is no reason to fail the run:
 * the sync is reported skipped, and the plugins needing it sit out with their own reason.
 */
export async function syncInput(
  context: PipelineContext,
  objectType: ObjectType,
  progress?: StageProgress,
): Promise<SyncSummary> {
  try {
    return await syncRecords(context, objectType, progress);
  } catch (error) {
    if (!(error instanceof CrmMlError) || error.code !== 'crm_object_unavailable') throw error;
    const { connectionId } = context;
    logger.warn({ connectionId, objectType, err: error }, 'the CRM offers none of this type');
    const mode = (await context.store.cursors.get(connectionId, objectType))
      ? 'incremental'
      : 'full';
    return { ...emptySyncSummary(objectType, mode), skipped: error.message };
  }
}
