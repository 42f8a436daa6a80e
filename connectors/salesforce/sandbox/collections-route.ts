import { Router, type Request } from 'express';
import { apiVersion } from './api-version.js';
import type { RouteContext } from './route-context.js';
import { SalesforceHttpError, type SaveError } from './salesforce-error.js';
import { prepareSave, type PreparedSave } from './save-record.js';

// sObject Collections take at most 200 records per call (REST API guide).
const MAX_RECORDS = 200;

const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message:
    'Record rolled back because not all records were valid and the request was using ' +
    'AllOrNone header',
  fields: [],
};

interface CollectionBody {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

function readBody(request: Request): CollectionBody {
  const body: unknown = request.body;
  const records =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)['records']
      : undefined;
  if (
    !Array.isArray(records) ||
    records.some((item) => typeof item !== 'object' || item === null)
  ) {
    throw SalesforceHttpError.badRequest(
      'JSON_PARSER_ERROR',
      "The request body needs a 'records' array of sObjects",
    );
  }
  if (records.length > MAX_RECORDS) {
    throw SalesforceHttpError.badRequest(
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
  const allOrNone = (body as Record<string, unknown>)['allOrNone'] === true;
  return { allOrNone, records: records as Record<string, unknown>[] };
}

/**
 * sObject Collections: create (POST) or update (PATCH) up to 200 records, answering one
 * SaveResult per record by position. With allOrNone every record is checked before any is
 * written, and one failure rolls all back.
 */
export function collectionsRoute(context: RouteContext): Router {
  const { data, stats } = context;
  const router = Router();

  const prepare = (item: Record<string, unknown>, update: boolean): PreparedSave => {
    const attributes = item['attributes'];
    const type =
      typeof attributes === 'object' && attributes !== null
        ? (attributes as Record<string, unknown>)['type']
        : undefined;
    // jsforce sends a lowercase `id`; the REST docs show `id` too, but `Id` works as well.
    const rawId = item['id'] ?? item['Id'];
    const id = typeof rawId === 'string' ? rawId : undefined;
    const schema = typeof type === 'string' ? data.schema(type) : undefined;
    if (!schema) {
      const message = `sObject type '${String(type)}' is not supported or missing from attributes`;
      return { ok: false, id, errors: [{ statusCode: 'INVALID_TYPE', message, fields: [] }] };
    }
    if (update && id === undefined) {
      const message = 'Id not specified in an update call';
      return { ok: false, id, errors: [{ statusCode: 'MISSING_ARGUMENT', message, fields: [] }] };
    }
    const { Id: _ignored, ...fields } = item;
    return prepareSave(data, schema, update ? id : undefined, fields);
  };

  const handle = (update: boolean) => (request: Request, response: import('express').Response) => {
    apiVersion(request);
    const { allOrNone, records } = readBody(request);
    const prepared = records.map((item) => prepare(item, update));
    const rollBack = allOrNone && prepared.some((save) => !save.ok);

    const results = prepared.map((save) => {
      if (!save.ok)
        return {
          ...(save.id === undefined ? {} : { id: save.id }),
          success: false,
          errors: save.errors,
        };
      if (rollBack)
        return {
          ...(save.id === undefined ? {} : { id: save.id }),
          success: false,
          errors: [ROLLED_BACK],
        };
      const { id } = save.commit();
      stats.writes += 1;
      return { id, success: true, errors: [] };
    });
    response.json(results);
  };

  router.patch('/services/data/:version/composite/sobjects', handle(true));
  router.post('/services/data/:version/composite/sobjects', handle(false));
  return router;
}
