import { Router } from 'express';
import { z } from 'zod';
import { associationTypeId } from './association-types.js';
import { SandboxHttpError } from './hubspot-error.js';
import { resolveObjectType } from './object-type.js';
import { parseBody } from './parse-input.js';
import type { RouteContext } from './route-context.js';

// HubSpot's documented cap for the v4 association batch read.
const BATCH_READ_MAX_INPUTS = 1_000;

const readBody = z.object({ inputs: z.array(z.object({ id: z.union([z.string(), z.number()]) })) });

/** One `results[]` entry of a v4 batch read: a record and every record it links to. */
interface AssociationResult {
  from: { id: string };
  to: {
    toObjectId: number;
    associationTypes: { category: string; typeId: number; label: null }[];
  }[];
}

/**
 * `POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read`: the links of many
 * records at once. Ids with no links (or no record) are listed in a 207 error, as HubSpot does,
 * so a caller can tell "none" from "not asked".
 */
export function associationRoutes(context: RouteContext): Router {
  const router = Router();
  const { data } = context;

  router.post('/crm/v4/associations/:fromType/:toType/batch/read', (request, response) => {
    const startedAt = new Date().toISOString();
    const fromType = resolveObjectType(request.params.fromType);
    const toType = resolveObjectType(request.params.toType);
    const body = parseBody(readBody, request.body);
    if (body.inputs.length > BATCH_READ_MAX_INPUTS) {
      throw SandboxHttpError.validation(
        `Too many inputs: ${body.inputs.length}. The maximum is ${BATCH_READ_MAX_INPUTS}.`,
      );
    }

    const typeId = associationTypeId(fromType, toType);
    const results: AssociationResult[] = [];
    const without: string[] = [];
    for (const input of body.inputs) {
      const id = String(input.id);
      const record = data.record(fromType, id);
      const linked = record && !record.archived ? data.associatedIds(fromType, id, toType) : [];
      if (linked.length === 0) {
        without.push(id);
        continue;
      }
      // v4 sends linked ids as JSON numbers, unlike the strings of v3 payloads.
      const to = linked.map((toId) => ({
        toObjectId: Number(toId),
        associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }],
      }));
      results.push({ from: { id }, to });
    }

    const reply = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
    if (without.length === 0) {
      response.json(reply);
      return;
    }
    const error = {
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      message: `No ${toType} associated with these ${fromType}`,
      context: { fromObjectId: without },
    };
    response.status(207).json({ ...reply, numErrors: 1, errors: [error] });
  });

  return router;
}
