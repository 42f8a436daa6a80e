import { Router, type Request, type Response } from 'express';
import { apiVersion } from './api-version.js';
import type { QueryCursor } from './query-cursors.js';
import type { RouteContext } from './route-context.js';
import type { SalesforceData } from './salesforce-data.js';
import { SalesforceHttpError } from './salesforce-error.js';
import { runSoql, type QuerySource } from './soql/run-soql.js';
import { restRecord } from './wire-record.js';

// Sforce-Query-Options batchSize: Salesforce honours 200..2000 and may return more or fewer.
const MIN_BATCH = 200;
const MAX_BATCH = 2000;

function requestedBatchSize(request: Request, fallback: number): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(request.get('sforce-query-options') ?? '');
  if (!match) return fallback;
  return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

/** One page of a cursor from row `offset`, with the next locator while rows remain. */
function page(
  cursor: QueryCursor,
  locatorId: string,
  offset: number,
  version: string,
  area: string,
  data: SalesforceData,
) {
  const { result, batchSize } = cursor;
  const total = result.records.length;
  if (result.count) return { totalSize: total, done: true, records: [] };

  const end = Math.min(total, offset + batchSize);
  const sobjectsPath = area === 'tooling' ? 'tooling/sobjects' : 'sobjects';
  const records = result.records
    .slice(offset, end)
    .map((record) =>
      malformed(data, record.id, restRecord(record, result.fields, version, sobjectsPath)),
    );
  if (end >= total) return { totalSize: total, done: true, records };

  const queryPath = area === 'tooling' ? 'tooling/query' : 'query';
  const nextRecordsUrl = `/services/data/v${version}/${queryPath}/${locatorId}-${end}`;
  return { totalSize: total, done: false, nextRecordsUrl, records };
}

function malformed(
  data: SalesforceData,
  id: string,
  wire: Record<string, unknown>,
): Record<string, unknown> {
  const overrides = data.wireOverridesFor(id);
  if (overrides === undefined) return wire;
  const result = { ...wire };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}

/**
 * SOQL over REST: `query`, `queryAll` (deleted rows too) and the locator pages. The locator
 * route answers under any API version because jsforce rebuilds `nextRecordsUrl` with its own.
 */
export function queryRoutes(context: RouteContext): Router {
  const router = Router();

  const start =
    (source: QuerySource, area: string, includeDeleted: boolean) =>
    (request: Request, response: Response) => {
      const version = apiVersion(request);
      const soql = request.query['q'];
      if (typeof soql !== 'string' || soql.trim() === '') {
        throw SalesforceHttpError.badRequest(
          'MALFORMED_QUERY',
          'A query string has to be specified',
        );
      }
      const result = runSoql(source, soql, includeDeleted);
      const batchSize = requestedBatchSize(request, context.queryBatchSize);
      const cursor = { result, batchSize };
      const locatorId = result.records.length > batchSize ? context.cursors.add(cursor) : '';
      response.json(page(cursor, locatorId, 0, version, area, context.data));
    };

  const more = (area: string) => (request: Request, response: Response) => {
    const version = apiVersion(request);
    const match = /^(\w+)-(\d+)$/.exec(String(request.params['locator']));
    const cursor = match?.[1] === undefined ? undefined : context.cursors.get(match[1]);
    if (!match || !cursor) {
      throw SalesforceHttpError.badRequest('INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    response.json(page(cursor, String(match[1]), Number(match[2]), version, area, context.data));
  };

  router.get('/services/data/:version/query', start(context.data.querySource(), 'data', false));
  router.get('/services/data/:version/queryAll', start(context.data.querySource(), 'data', true));
  router.get('/services/data/:version/query/:locator', more('data'));
  router.get('/services/data/:version/queryAll/:locator', more('data'));
  router.get('/services/data/:version/tooling/query', start(context.tooling, 'tooling', false));
  router.get('/services/data/:version/tooling/query/:locator', more('tooling'));
  return router;
}
