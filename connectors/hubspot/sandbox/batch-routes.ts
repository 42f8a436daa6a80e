import { Router } from 'express';
import { z } from 'zod';
import { SandboxHttpError } from './hubspot-error.js';
import { resolveObjectType } from './object-type.js';
import { archivedParam, parseBody } from './parse-input.js';
import type { RouteContext } from './route-context.js';
import type { SandboxRecord } from './sandbox-record.js';
import { validateBatch } from './validate-properties.js';
import { toWireRecord, type WireRecord } from './wire-record.js';

// HubSpot's documented cap for every CRM object batch endpoint.
const BATCH_MAX_INPUTS = 100;

const readBody = z.object({
  inputs: z.array(z.object({ id: z.string() })),
  properties: z.array(z.string()).default([]),
});

const updateBody = z.object({
  inputs: z.array(z.object({ id: z.string(), properties: z.record(z.string(), z.unknown()) })),
});

/** The per-record error HubSpot lists in a 207 for ids it could not read or write. */
function notFoundError(objectType: string, verb: string, ids: readonly string[]): object {
  const label = objectType.replace(/s$/, '').toUpperCase();
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message:
      `Could not ${verb} some ${label} objects, they may be deleted or not exist. ` +
      'Check that ids are valid.',
    context: { ids: [...ids] },
  };
}

/** A per-record failure a later attempt may not meet (a lock, a backend hiccup). */
function transientError(ids: readonly string[]): object {
  return {
    status: 'error',
    category: 'INTERNAL_ERROR',
    message: 'Internal error while updating these objects; try again (injected by the sandbox)',
    context: { ids: [...ids] },
  };
}

/** 200 when every input succeeded, else 207 with `numErrors` and `errors`. */
function batchResponse(
  startedAt: string,
  results: readonly WireRecord[],
  errors: readonly object[],
): { status: number; body: object } {
  const body = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
  if (errors.length === 0) return { status: 200, body };
  return { status: 207, body: { ...body, numErrors: errors.length, errors } };
}

function checkBatchSize(count: number): void {
  if (count > BATCH_MAX_INPUTS) {
    throw SandboxHttpError.validation(
      `Too many inputs: ${count}. The maximum batch size is ${BATCH_MAX_INPUTS}.`,
    );
  }
}

/** `batch/read` and `batch/update` for `/crm/v3/objects/{objectType}`. */
export function batchRoutes(context: RouteContext): Router {
  const router = Router();
  const { data, stats } = context;

  router.post('/crm/v3/objects/:objectType/batch/read', (request, response) => {
    const startedAt = new Date().toISOString();
    const type = resolveObjectType(request.params.objectType);
    const body = parseBody(readBody, request.body);
    checkBatchSize(body.inputs.length);
    const archived = archivedParam(request.query['archived']);

    const results: WireRecord[] = [];
    const missing: string[] = [];
    for (const { id } of body.inputs) {
      const record = data.record(type, id);
      if (record && record.archived === archived) {
        results.push(toWireRecord(record, body.properties, data.catalog));
      } else {
        missing.push(id);
      }
    }

    const errors = missing.length > 0 ? [notFoundError(type, 'get', missing)] : [];
    const { status, body: reply } = batchResponse(startedAt, results, errors);
    response.status(status).json(reply);
  });

  router.post('/crm/v3/objects/:objectType/batch/update', (request, response) => {
    const startedAt = new Date().toISOString();
    const type = resolveObjectType(request.params.objectType);
    const body = parseBody(updateBody, request.body);
    checkBatchSize(body.inputs.length);

    const ids = body.inputs.map((input) => input.id);
    if (new Set(ids).size !== ids.length) {
      throw SandboxHttpError.validation('Duplicate IDs found in batch input.');
    }
    const values = validateBatch(data.catalog, type, body.inputs);

    // Validation passed for the whole batch; now each record succeeds or fails on its own.
    const results: WireRecord[] = [];
    const failed: string[] = [];
    const transient: string[] = [];
    body.inputs.forEach((input, index) => {
      const record: SandboxRecord | undefined = data.record(type, input.id);
      const properties = values[index] ?? {};
      const forced = data.takeWriteFailure(type, input.id);
      if (forced === 'transient') {
        transient.push(input.id);
        return;
      }
      if (!record || record.archived || forced !== null) {
        failed.push(input.id);
        return;
      }
      data.update(type, record.id, properties);
      stats.writes += 1;
      results.push(toWireRecord(record, Object.keys(properties), data.catalog));
    });

    const errors = [
      ...(failed.length > 0 ? [notFoundError(type, 'update', failed)] : []),
      ...(transient.length > 0 ? [transientError(transient)] : []),
    ];
    const { status, body: reply } = batchResponse(startedAt, results, errors);
    response.status(status).json(reply);
  });

  return router;
}
