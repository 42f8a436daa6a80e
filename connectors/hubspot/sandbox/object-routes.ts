import { Router, type Request } from 'express';
import { z } from 'zod';
import { SandboxHttpError } from './hubspot-error.js';
import { resolveObjectType } from './object-type.js';
import { archivedParam, integerParam, parseBody, queryList } from './parse-input.js';
import type { RouteContext } from './route-context.js';
import type { SandboxRecord } from './sandbox-record.js';
import { validateProperties } from './validate-properties.js';
import { toWireRecord, type WireRecord } from './wire-record.js';

// HubSpot's list endpoint serves at most 100 records per page whatever `limit` asks for.
const LIST_MAX_LIMIT = 100;
const LIST_DEFAULT_LIMIT = 10;

const writeBody = z.object({ properties: z.record(z.string(), z.unknown()).default({}) });

/** Index of the first record whose id is >= `after`, by binary search over the id order. */
function firstIndexFrom(ordered: readonly SandboxRecord[], after: number): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Number(ordered[middle]?.id) < after) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `associations=contacts,notes`: object types whose linked ids each record should list. */
function associationsParam(value: unknown): string[] {
  return (queryList(value) ?? []).map((segment) => resolveObjectType(segment));
}

function liveRecord(context: RouteContext, request: Request): SandboxRecord {
  const type = resolveObjectType(String(request.params['objectType']));
  const record = context.data.record(type, String(request.params['id']));
  if (!record || record.archived) throw SandboxHttpError.notFound('resource not found');
  return record;
}

/** List, read, create, update and archive single records: `/crm/v3/objects/{objectType}`. */
export function objectRoutes(context: RouteContext): Router {
  const router = Router();
  const { data, stats } = context;

  router.get('/crm/v3/objects/:objectType', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    const limit = Math.min(
      integerParam(request.query['limit'], 'limit', LIST_DEFAULT_LIMIT),
      LIST_MAX_LIMIT,
    );
    const after = integerParam(request.query['after'], 'after', 0);
    const archived = archivedParam(request.query['archived']);
    const properties = queryList(request.query['properties']);
    const associations = associationsParam(request.query['associations']);

    // `after` is the id to resume from; ids only grow, so a binary search finds the page start.
    // Listing archived records scans past live ones: O(records) when few are archived.
    const ordered = data.ordered(type);
    const results: WireRecord[] = [];
    let next: string | undefined;
    for (let index = firstIndexFrom(ordered, after); index < ordered.length; index++) {
      const record = ordered[index];
      if (!record || record.archived !== archived) continue;
      if (results.length === limit) {
        next = record.id;
        break;
      }
      results.push(toWireRecord(record, properties, data.catalog, associations));
    }

    const link = `${context.baseUrl()}/crm/v3/objects/${type}?after=${next ?? ''}`;
    response.json(
      next === undefined ? { results } : { results, paging: { next: { after: next, link } } },
    );
  });

  router.get('/crm/v3/objects/:objectType/:id', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    const record = data.record(type, request.params.id);
    const archived = archivedParam(request.query['archived']);
    if (!record || record.archived !== archived)
      throw SandboxHttpError.notFound('resource not found');

    const properties = queryList(request.query['properties']);
    const associations = associationsParam(request.query['associations']);
    response.json(toWireRecord(record, properties, data.catalog, associations));
  });

  router.post('/crm/v3/objects/:objectType', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    const body = parseBody(writeBody, request.body);
    const properties = validateProperties(data.catalog, type, body.properties);

    const record = data.createRecord(type, properties);
    stats.writes += 1;
    response.status(201).json(toWireRecord(record, Object.keys(properties), data.catalog));
  });

  router.patch('/crm/v3/objects/:objectType/:id', (request, response) => {
    const record = liveRecord(context, request);
    const body = parseBody(writeBody, request.body);
    const properties = validateProperties(data.catalog, record.objectType, body.properties);

    data.update(record.objectType, record.id, properties);
    stats.writes += 1;
    response.json(toWireRecord(record, Object.keys(properties), data.catalog));
  });

  // HubSpot answers 204 for an id that is already archived or never existed.
  router.delete('/crm/v3/objects/:objectType/:id', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    const record = data.record(type, request.params.id);
    if (record && !record.archived) {
      data.archive(type, record.id);
      stats.writes += 1;
    }
    response.status(204).end();
  });

  return router;
}
