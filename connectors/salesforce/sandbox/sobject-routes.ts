import { Router, type Request } from 'express';
import { apiVersion } from './api-version.js';
import { describeObjectSummary, describeSObject } from './describe-sobject.js';
import type { ObjectSchema } from './object-schema.js';
import { toId18 } from './record-id.js';
import type { RouteContext } from './route-context.js';
import { SalesforceHttpError, type SaveError } from './salesforce-error.js';
import { isDeleted, type SandboxRecord } from './sandbox-record.js';
import { prepareSave } from './save-record.js';
import { restRecord } from './wire-record.js';

/** A failed single-record save: 400 with the REST error array (errorCode, not statusCode). */
function saveFailure(errors: readonly SaveError[]): SalesforceHttpError {
  const body = errors.map((error) => ({
    message: error.message,
    errorCode: error.statusCode,
    fields: error.fields,
  }));
  return new SalesforceHttpError(400, body);
}

function bodyOf(request: Request): Record<string, unknown> {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw SalesforceHttpError.badRequest(
      'JSON_PARSER_ERROR',
      'The request body must be a JSON object',
    );
  }
  return body as Record<string, unknown>;
}

/** The sObject REST resources: global describe, describe, and one record's CRUD. */
export function sobjectRoutes(context: RouteContext): Router {
  const { data, stats } = context;
  const router = Router();

  const schemaOf = (request: Request): ObjectSchema => {
    const schema = data.schema(String(request.params['object']));
    if (!schema) throw SalesforceHttpError.notFound();
    return schema;
  };

  // Unknown and malformed ids both answer 404; a deleted record says so.
  const recordOf = (request: Request, schema: ObjectSchema): SandboxRecord => {
    const id = toId18(String(request.params['id']));
    const record = id === undefined ? undefined : data.get(id);
    if (!record || record.type !== schema.name) throw SalesforceHttpError.notFound();
    if (isDeleted(record))
      throw SalesforceHttpError.rest(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
    return record;
  };

  router.get('/services/data/:version/sobjects', (request, response) => {
    const version = apiVersion(request);
    const sobjects = data
      .objectNames()
      .map((name) => describeObjectSummary(data.requireSchema(name), version));
    response.json({ encoding: 'UTF-8', maxBatchSize: 200, sobjects });
  });

  router.get('/services/data/:version/sobjects/:object/describe', (request, response) => {
    response.json(describeSObject(schemaOf(request), apiVersion(request)));
  });

  router.get('/services/data/:version/sobjects/:object', (request, response) => {
    const version = apiVersion(request);
    response.json({
      objectDescribe: describeObjectSummary(schemaOf(request), version),
      recentItems: [],
    });
  });

  router.post('/services/data/:version/sobjects/:object', (request, response) => {
    apiVersion(request);
    const prepared = prepareSave(data, schemaOf(request), undefined, bodyOf(request));
    if (!prepared.ok) throw saveFailure(prepared.errors);
    const { id } = prepared.commit();
    stats.writes += 1;
    response.status(201).json({ id, success: true, errors: [] });
  });

  router.get('/services/data/:version/sobjects/:object/:id', (request, response) => {
    const version = apiVersion(request);
    const schema = schemaOf(request);
    const record = recordOf(request, schema);
    const wanted = request.query['fields'];
    const fields =
      typeof wanted === 'string'
        ? wanted.split(',').map((name) => {
            const field = schema.field(name.trim());
            if (!field)
              throw SalesforceHttpError.badRequest(
                'INVALID_FIELD',
                `No such column '${name}' on entity '${schema.name}'`,
              );
            return field;
          })
        : schema.fields();
    response.json(restRecord(record, fields, version));
  });

  router.patch('/services/data/:version/sobjects/:object/:id', (request, response) => {
    apiVersion(request);
    const schema = schemaOf(request);
    const record = recordOf(request, schema);
    const prepared = prepareSave(data, schema, record.id, bodyOf(request));
    if (!prepared.ok) throw saveFailure(prepared.errors);
    prepared.commit();
    stats.writes += 1;
    response.status(204).end();
  });

  router.delete('/services/data/:version/sobjects/:object/:id', (request, response) => {
    apiVersion(request);
    const record = recordOf(request, schemaOf(request));
    const forced = data.writeFailures.take(record.id);
    if (forced) throw SalesforceHttpError.badRequest(forced.code, forced.message, []);
    data.delete(record.id);
    stats.writes += 1;
    response.status(204).end();
  });

  return router;
}
