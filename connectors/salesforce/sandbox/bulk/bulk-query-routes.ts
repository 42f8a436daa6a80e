import { Router, type Request } from 'express';
import { apiVersion } from '../api-version.js';
import type { RouteContext } from '../route-context.js';
import { SANDBOX_USER_ID } from '../salesforce-data.js';
import { SalesforceHttpError } from '../salesforce-error.js';
import { runSoql, type QueryResult } from '../soql/run-soql.js';
import { formatDateTime } from '../wire-time.js';
import { csvCell, toCsv } from './bulk-csv.js';
import { advance, jobInfo, readLineEnding, type BulkJobBase } from './bulk-job-info.js';

interface QueryJob extends BulkJobBase {
  result: QueryResult;
}

// Without maxRecords Salesforce sizes pages itself; one generous page keeps jsforce's bulk2
// stream (which breaks on multi-page results) working for test-sized data.
const DEFAULT_PAGE = 50_000;

/** Locators are opaque; Salesforce's happen to be base64 of the row offset, as these are. */
const encodeLocator = (offset: number): string => Buffer.from(String(offset)).toString('base64');

function decodeLocator(locator: string): number {
  const offset = Number(Buffer.from(locator, 'base64').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) {
    throw SalesforceHttpError.badRequest('INVALIDLOCATOR', `Invalid locator: ${locator}`);
  }
  return offset;
}

/**
 * Bulk API 2.0 query jobs: the query runs (and is snapshotted) when the job is created; the
 * job then reports InProgress and JobComplete on the next polls; results come as CSV pages
 * with Sforce-Locator ('null' on the last) and Sforce-NumberOfRecords headers.
 */
export function bulkQueryRoutes(context: RouteContext, nextJobId: () => string): Router {
  const router = Router();
  const jobs = new Map<string, QueryJob>();

  const jobOf = (request: Request): QueryJob => {
    const job = jobs.get(String(request.params['jobId']));
    if (!job) throw SalesforceHttpError.notFound();
    return job;
  };

  router.post('/services/data/:version/jobs/query', (request, response) => {
    const version = apiVersion(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const operation = body['operation'];
    if (operation !== 'query' && operation !== 'queryAll') {
      throw SalesforceHttpError.badRequest('INVALIDJOB', `Invalid operation: ${String(operation)}`);
    }
    if (typeof body['query'] !== 'string') {
      throw SalesforceHttpError.badRequest('INVALIDJOB', 'The query field is required');
    }

    const result = runSoql(context.data.querySource(), body['query'], operation === 'queryAll');
    if (result.count) {
      throw SalesforceHttpError.badRequest(
        'INVALIDJOB',
        'Aggregate queries are not supported in Bulk Query',
      );
    }
    if (result.fields.some((field) => field.type === 'address')) {
      const message = 'Selecting compound data not supported in Bulk Query';
      throw SalesforceHttpError.badRequest('FUNCTIONALITY_NOT_ENABLED', message);
    }

    const job: QueryJob = {
      id: nextJobId(),
      operation,
      object: result.schema.name,
      createdDate: formatDateTime(context.data.now()),
      state: 'UploadComplete',
      apiVersion: version,
      lineEnding: readLineEnding(body['lineEnding']),
      polls: 0,
      result,
    };
    jobs.set(job.id, job);
    response.json(jobInfo(job, SANDBOX_USER_ID));
  });

  router.get('/services/data/:version/jobs/query/:jobId', (request, response) => {
    apiVersion(request);
    const job = jobOf(request);
    advance(job);
    const processed = job.state === 'JobComplete' ? job.result.records.length : 0;
    response.json({
      ...jobInfo(job, SANDBOX_USER_ID),
      jobType: 'V2Query',
      numberRecordsProcessed: processed,
      retries: 0,
      totalProcessingTime: job.state === 'JobComplete' ? 250 : 0,
      isPkChunkingSupported: true,
    });
  });

  router.get('/services/data/:version/jobs/query/:jobId/results', (request, response) => {
    const version = apiVersion(request);
    const job = jobOf(request);
    if (job.state !== 'JobComplete') {
      throw SalesforceHttpError.badRequest(
        'API_ERROR',
        `Job ${job.id} is not complete (${job.state})`,
      );
    }
    // Salesforce answers 409 when results are fetched with another version than the job's.
    if (version !== job.apiVersion) {
      const message = `Query job ${job.id} was created in API version ${job.apiVersion}`;
      throw SalesforceHttpError.rest(409, 'API_ERROR', message);
    }

    const locator = request.query['locator'];
    const offset = typeof locator === 'string' && locator !== '' ? decodeLocator(locator) : 0;
    const maxRecords = Number(request.query['maxRecords'] ?? DEFAULT_PAGE);
    const size = Number.isInteger(maxRecords) && maxRecords > 0 ? maxRecords : DEFAULT_PAGE;
    const { fields, records } = job.result;
    const page = records.slice(offset, offset + size);
    const end = offset + page.length;

    response.set({
      'Content-Type': 'text/csv; charset=UTF-8',
      'Sforce-Locator': end < records.length ? encodeLocator(end) : 'null',
      'Sforce-NumberOfRecords': String(page.length),
    });
    const rows = page.map((record) => fields.map((field) => csvCell(record, field)));
    response.send(
      toCsv(
        fields.map((field) => field.name),
        rows,
        job.lineEnding,
      ),
    );
  });

  router.patch('/services/data/:version/jobs/query/:jobId', (request, response) => {
    apiVersion(request);
    const job = jobOf(request);
    if ((request.body as Record<string, unknown> | undefined)?.['state'] === 'Aborted')
      job.state = 'Aborted';
    response.json(jobInfo(job, SANDBOX_USER_ID));
  });

  router.delete('/services/data/:version/jobs/query/:jobId', (request, response) => {
    apiVersion(request);
    jobs.delete(jobOf(request).id);
    response.status(204).end();
  });

  return router;
}
