import { Router, type Request } from 'express';
import { apiVersion } from '../api-version.js';
import type { RouteContext } from '../route-context.js';
import { SANDBOX_USER_ID } from '../salesforce-data.js';
import { SalesforceHttpError } from '../salesforce-error.js';
import { formatDateTime } from '../wire-time.js';
import { parseUpload, toCsv } from './bulk-csv.js';
import { advance, jobInfo, readLineEnding, type BulkJobBase } from './bulk-job-info.js';
import { processIngest, type RowOutcome } from './process-ingest.js';

interface IngestJob extends BulkJobBase {
  externalIdFieldName: string | undefined;
  columns: string[];
  rows: string[][];
  outcomes: RowOutcome[];
}

const OPERATIONS = new Set(['insert', 'update', 'upsert', 'delete']);

/** sf__Error cells read `STATUS_CODE:message:field,field --`, as Salesforce writes them. */
const errorCell = (outcome: Extract<RowOutcome, { ok: false }>): string =>
  outcome.errors
    .map((error) => `${error.statusCode}:${error.message}:${error.fields.join(',')} --`)
    .join(' ');

/**
 * Bulk API 2.0 ingest jobs: create (Open), upload CSV with PUT …/batches (201), close with
 * PATCH state UploadComplete (rows are applied then, each on its own) or Aborted, poll to
 * JobComplete, and read successfulResults / failedResults / unprocessedrecords as CSV.
 */
export function bulkIngestRoutes(context: RouteContext, nextJobId: () => string): Router {
  const { data, stats } = context;
  const router = Router();
  const jobs = new Map<string, IngestJob>();
  const base = '/services/data/:version/jobs/ingest';

  const jobOf = (request: Request): IngestJob => {
    apiVersion(request);
    const job = jobs.get(String(request.params['jobId']));
    if (!job) throw SalesforceHttpError.notFound();
    return job;
  };

  const info = (job: IngestJob): Record<string, unknown> => ({
    ...jobInfo(job, SANDBOX_USER_ID),
    externalIdFieldName: job.externalIdFieldName ?? null,
    contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`,
  });

  router.post(base, (request, response) => {
    const version = apiVersion(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const operation = String(body['operation'] ?? '');
    const schema = data.schema(String(body['object'] ?? ''));
    if (!OPERATIONS.has(operation))
      throw SalesforceHttpError.badRequest(
        'INVALIDJOB',
        `InvalidJob : Invalid operation: ${operation}`,
      );
    if (!schema)
      throw SalesforceHttpError.badRequest(
        'INVALIDJOB',
        `InvalidJob : Invalid object: ${String(body['object'])}`,
      );
    const externalId = body['externalIdFieldName'];
    if (operation === 'upsert' && typeof externalId !== 'string') {
      throw SalesforceHttpError.badRequest(
        'INVALIDJOB',
        'InvalidJob : External ID was blank for upsert',
      );
    }

    const job: IngestJob = {
      id: nextJobId(),
      operation,
      object: schema.name,
      createdDate: formatDateTime(data.now()),
      state: 'Open',
      apiVersion: version,
      lineEnding: readLineEnding(body['lineEnding']),
      polls: 0,
      externalIdFieldName: typeof externalId === 'string' ? externalId : undefined,
      columns: [],
      rows: [],
      outcomes: [],
    };
    jobs.set(job.id, job);
    response.json(info(job));
  });

  router.put(`${base}/:jobId/batches`, (request, response) => {
    const job = jobOf(request);
    if (job.state !== 'Open')
      throw SalesforceHttpError.badRequest('INVALIDJOB', `Job ${job.id} is not open for uploads`);
    if (typeof request.body !== 'string') {
      throw SalesforceHttpError.badRequest(
        'INVALIDJOB',
        'Upload the data as Content-Type text/csv',
      );
    }
    const { columns, rows } = parseUpload(request.body);
    if (job.columns.length === 0) job.columns = columns;
    job.rows.push(...rows);
    response.status(201).end();
  });

  router.patch(`${base}/:jobId`, (request, response) => {
    const job = jobOf(request);
    const state = (request.body as Record<string, unknown> | undefined)?.['state'];
    if (state === 'UploadComplete' && job.state === 'Open') {
      const schema = data.requireSchema(job.object);
      job.outcomes = processIngest(data, schema, job);
      stats.writes += job.outcomes.filter((outcome) => outcome.ok).length;
      job.state = 'UploadComplete';
    } else if (state === 'Aborted' && job.state !== 'JobComplete') {
      job.state = 'Aborted';
    } else {
      throw SalesforceHttpError.badRequest(
        'INVALIDJOB',
        `Cannot move job ${job.id} from ${job.state} to ${String(state)}`,
      );
    }
    response.json(info(job));
  });

  router.get(`${base}/:jobId`, (request, response) => {
    const job = jobOf(request);
    advance(job);
    const done = job.state === 'JobComplete';
    response.json({
      ...info(job),
      jobType: 'V2Ingest',
      numberRecordsProcessed: done ? job.outcomes.length : 0,
      numberRecordsFailed: done ? job.outcomes.filter((outcome) => !outcome.ok).length : 0,
      retries: 0,
      totalProcessingTime: done ? 120 : 0,
      apiActiveProcessingTime: done ? 80 : 0,
      apexProcessingTime: 0,
    });
  });

  const sendCsv = (
    job: IngestJob,
    columns: string[],
    rows: (string | null)[][],
    response: import('express').Response,
  ) => {
    response.type('text/csv').send(toCsv(columns, rows, job.lineEnding));
  };

  router.get(`${base}/:jobId/successfulResults`, (request, response) => {
    const job = jobOf(request);
    const rows = job.outcomes.flatMap((outcome) =>
      outcome.ok ? [[outcome.id, String(outcome.created), ...outcome.row]] : [],
    );
    sendCsv(job, ['sf__Id', 'sf__Created', ...job.columns], rows, response);
  });

  router.get(`${base}/:jobId/failedResults`, (request, response) => {
    const job = jobOf(request);
    const rows = job.outcomes.flatMap((outcome) =>
      outcome.ok ? [] : [[outcome.id, errorCell(outcome), ...outcome.row]],
    );
    sendCsv(job, ['sf__Id', 'sf__Error', ...job.columns], rows, response);
  });

  router.get(`${base}/:jobId/unprocessedrecords`, (request, response) => {
    const job = jobOf(request);
    sendCsv(job, job.columns, job.state === 'Aborted' ? job.rows : [], response);
  });

  router.delete(`${base}/:jobId`, (request, response) => {
    jobs.delete(jobOf(request).id);
    response.status(204).end();
  });

  return router;
}
