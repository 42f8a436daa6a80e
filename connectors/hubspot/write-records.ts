import type { BatchInputSimplePublicObjectBatchInput } from './hubspot-batch-types.js';

import type { FieldUpdate, WriteOutcome } from '../connector.js';
import { createLogger } from '../../core/logging/logger.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import { hubspotDescriptor } from './hubspot-descriptor.js';
import type { HubSpotApi } from './hubspot-api.js';
import { batchResponseSchema, parsePayload, type HubSpotBatchError } from './hubspot-schemas.js';
import { sendOrNarrow, type UpdateInput } from './narrow-rejected-batch.js';
import { toHubSpotValue } from './to-hubspot-value.js';

const log = createLogger('connector.hubspot');

// Error categories of a 207 that no retry will fix.
const PERMANENT_CATEGORIES = new Set(['OBJECT_NOT_FOUND', 'VALIDATION_ERROR', 'INVALID_EMAIL']);

type Input = UpdateInput;

/**
 * Batch update, 100 records a call. A 207 answer lists failures with the ids they concern
 * (`context.ids`); those records get failed outcomes and every other record of the batch
 * succeeded. A batch rejected whole for bad values (400) is narrowed down to the records
 * carrying them, which get failed outcomes. A batch that fails whole otherwise throws.
 */
export async function writeRecords(
  api: HubSpotApi,
  objectType: ObjectType,
  updates: readonly FieldUpdate[],
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  const valid: Input[] = [];
  for (const update of updates) {
    const converted = toInput(update);
    if ('ok' in converted) outcomes.push(converted);
    else valid.push(converted);
  }

  for (const batch of toBatches(valid, hubspotDescriptor.writeBatchSize)) {
    const send = (inputs: Input[]): Promise<WriteOutcome[]> => writeBatch(api, objectType, inputs);
    outcomes.push(...(await sendOrNarrow(send, batch)));
  }

  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  log.info({ objectType, records: updates.length, failed }, 'HubSpot write done');
  return outcomes;
}

async function writeBatch(
  api: HubSpotApi,
  objectType: ObjectType,
  batch: Input[],
): Promise<WriteOutcome[]> {
  const endpoint = `POST /crm/v3/objects/${objectType}/batch/update`;
  const body: BatchInputSimplePublicObjectBatchInput = { inputs: batch };
  const info = await api.call(endpoint, (client) =>
    client.crm.objects.batchApi.updateWithHttpInfo(objectType, body),
  );
  const response = parsePayload(batchResponseSchema, info.data, endpoint);

  const failures = new Map<string, HubSpotBatchError>();
  const unattributed: HubSpotBatchError[] = [];
  for (const error of response.errors ?? []) {
    const ids = error.context?.['ids'] ?? error.context?.['id'] ?? [];
    if (ids.length === 0) unattributed.push(error);
    for (const id of ids) failures.set(id, error);
  }
  const succeeded = new Set(response.results.map((object) => object.id));

  return batch.map((input): WriteOutcome => {
    const error = failures.get(input.id) ?? (succeeded.has(input.id) ? undefined : unattributed[0]);
    return error === undefined ? { recordId: input.id, ok: true } : toFailure(input.id, error);
  });
}

function toFailure(recordId: string, error: HubSpotBatchError): WriteOutcome {
  const category = error.category ?? 'UNKNOWN';
  const permanent = PERMANENT_CATEGORIES.has(category) || /^4\d\d$/.test(error.status);
  const code =
    category === 'OBJECT_NOT_FOUND'
      ? 'hubspot_record_not_found'
      : category === 'VALIDATION_ERROR'
        ? 'hubspot_validation_failed'
        : 'hubspot_write_failed';
  const message = `HubSpot did not update record ${recordId} (${category}): ${error.message}`;
  return { recordId, ok: false, code, message, retryable: !permanent };
}

function toInput(update: FieldUpdate): Input | WriteOutcome {
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(update.values)) {
    const converted = toHubSpotValue(value);
    if (converted === null) {
      const message =
        `Field ${name} of record ${update.recordId} is ${String(value)}, ` +
        'which HubSpot cannot store';
      return {
        recordId: update.recordId,
        ok: false,
        code: 'hubspot_invalid_value',
        message,
        retryable: false,
      };
    }
    properties[name] = converted;
  }
  return { id: update.recordId, properties };
}

/** Batches of `size`; HubSpot rejects a batch naming one id twice, so a repeat starts a new one. */
function toBatches(inputs: Input[], size: number): Input[][] {
  const batches: Input[][] = [];
  let current: Input[] = [];
  let ids = new Set<string>();
  for (const input of inputs) {
    if (current.length === size || ids.has(input.id)) {
      batches.push(current);
      current = [];
      ids = new Set();
    }
    current.push(input);
    ids.add(input.id);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
