import type { LineEnding } from './bulk-csv.js';

export type JobState =
  'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

/** What query and ingest jobs share. */
export interface BulkJobBase {
  id: string;
  operation: string;
  object: string;
  createdDate: string;
  state: JobState;
  apiVersion: string;
  lineEnding: LineEnding;
  /** GETs of the job so far; processing advances one state per poll, as if it took time. */
  polls: number;
}

/** The job info fields Bulk API 2.0 returns on create and on every GET. */
export function jobInfo(job: BulkJobBase, userId: string): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: userId,
    createdDate: job.createdDate,
    systemModstamp: job.createdDate,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    lineEnding: job.lineEnding,
    columnDelimiter: 'COMMA',
  };
}

/** One poll's progress: UploadComplete → InProgress → JobComplete. */
export function advance(job: BulkJobBase): void {
  job.polls += 1;
  if (job.state === 'UploadComplete') job.state = 'InProgress';
  else if (job.state === 'InProgress') job.state = 'JobComplete';
}

export function readLineEnding(value: unknown): LineEnding {
  return value === 'CRLF' ? 'CRLF' : 'LF';
}
