import type { Job as BullJob } from 'bullmq';

import { CrmMlError, type ErrorDetail } from '../errors/crm-ml-error.js';

/** What a failed job leaves in Redis so a waiting client can rethrow the same error. */
export interface JobFailure {
  code: string;
  message: string;
  details: ErrorDetail[];
  retryable: boolean;
}

/** The failure of `error` as JSON; anything but a CrmMlError counts as not retryable. */
export function toJobFailure(error: unknown): JobFailure {
  if (error instanceof CrmMlError) {
    const { code, message, details } = error.toJSON();
    return { code, message, details, retryable: error.retryable };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'job_failed', message, details: [], retryable: false };
}

/**
 * The error a client sees for a failed job: the handler's own CrmMlError when the worker
 * recorded it, else BullMQ's reason (a job that stalled too often, a lost worker).
 */
export function fromFailedJob(job: BullJob | undefined, fallback: unknown): CrmMlError {
  const failure = (job?.data as { failure?: JobFailure } | undefined)?.failure;
  if (failure) {
    return new CrmMlError(failure.code, failure.message, {
      details: failure.details,
      retryable: failure.retryable,
    });
  }
  const reason = job?.failedReason ?? (fallback instanceof Error ? fallback.message : 'unknown');
  return new CrmMlError('job_failed', `Job ${job?.id ?? '(unknown)'} failed: ${reason}`, {
    retryable: true,
    cause: fallback,
  });
}
