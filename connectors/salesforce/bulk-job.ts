import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { Sleep } from '../shared/backoff.js';
import type { SalesforceApi } from './salesforce-api.js';
import { jobInfoSchema, parsePayload, type JobInfo } from './salesforce-schemas.js';

const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 10_000;

export interface PollOptions {
  sleep: Sleep;
  /** Give up after this long; the job keeps running in Salesforce. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Polls a Bulk API 2.0 job until it leaves its working states. The wait doubles from 0.5 s to
 * 10 s: every poll is an API call counted against the daily allowance.
 */
export async function waitForJob(
  api: SalesforceApi,
  kind: 'query' | 'ingest',
  jobId: string,
  options: PollOptions,
): Promise<JobInfo> {
  const endpoint = `GET /jobs/${kind}/${jobId}`;
  const deadline = Date.now() + options.timeoutMs;
  let waitMs = FIRST_POLL_MS;

  for (;;) {
    const { body } = await api.call(endpoint, {
      method: 'GET',
      url: `/jobs/${kind}/${jobId}`,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const job = parsePayload(jobInfoSchema, body, endpoint);
    if (job.state === 'JobComplete') return job;
    if (job.state === 'Failed' || job.state === 'Aborted') {
      throw new CrmMlError(
        'salesforce_bulk_job_failed',
        `Salesforce Bulk API 2.0 ${kind} job ${jobId} ended ${job.state}: ` +
          `${job.errorMessage ?? 'no error message'}`,
        { retryable: true },
      );
    }

    if (Date.now() >= deadline) {
      throw new CrmMlError(
        'salesforce_bulk_job_timeout',
        `Salesforce Bulk API 2.0 ${kind} job ${jobId} still ${job.state} after ` +
          `${Math.round(options.timeoutMs / 1000)} s`,
        { retryable: true },
      );
    }
    await options.sleep(waitMs);
    waitMs = Math.min(MAX_POLL_MS, waitMs * 2);
  }
}
