import type { ErrorRequestHandler, Response } from 'express';

import { CrmMlError, type ErrorDetail } from '../errors/crm-ml-error.js';
import type { Logger } from '../logging/logger.js';
import { statusOfCode } from './error-status.js';
import { safeError } from './safe-error.js';

/** The one body of every 4xx and 5xx answer. */
export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
}

/** Sends an error in the shared shape. */
export function sendError(
  res: Response,
  code: string,
  message: string,
  details: ErrorDetail[] = [],
): void {
  const body: ErrorBody = { error: { code, message, details } };
  res.status(statusOfCode(code)).json(body);
}

// body-parser marks its failures with a `type`; these are the client's fault.
const BODY_ERRORS: Readonly<Record<string, [string, string]>> = {
  'entity.parse.failed': ['invalid_json', 'the request body is not valid JSON'],
  'entity.too.large': ['payload_too_large', 'the request body is larger than the limit'],
  'encoding.unsupported': ['unsupported_media_type', 'the body encoding is not supported'],
  'charset.unsupported': ['unsupported_media_type', 'the body charset is not supported'],
  'request.aborted': ['invalid_request', 'the request was aborted'],
  'request.size.invalid': ['invalid_request', 'the body length does not match Content-Length'],
};

// express-openapi-validator errors carry a status and a list of problems.
const VALIDATOR_CODES: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'route_not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

interface ValidatorError {
  status: number;
  message: string;
  errors?: { path?: string; message?: string }[];
}

function isValidatorError(error: unknown): error is ValidatorError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function validatorDetails(error: ValidatorError): ErrorDetail[] {
  return (error.errors ?? []).slice(0, 20).map((item) => ({
    path: String(item.path ?? ''),
    message: String(item.message ?? 'is invalid'),
  }));
}

/**
 * Turns any error into the shared error body. Unexpected errors become `internal_error` with
 * a fixed message: stacks and causes go to the log only, never into a response.
 */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }

    if (error instanceof CrmMlError) {
      const status = statusOfCode(error.code);
      // 501/503 are expected refusals (a feature not configured): a warning, no stack.
      if (status === 501 || status === 503) {
        logger.warn({ code: error.code, path: req.path, status }, error.message);
      } else if (status >= 500) {
        logger.error({ err: safeError(error), path: req.path }, 'request failed');
      }
      sendError(res, error.code, error.message, error.details);
      return;
    }

    const bodyType = (error as { type?: unknown } | null)?.type;
    const bodyError = typeof bodyType === 'string' ? BODY_ERRORS[bodyType] : undefined;
    if (bodyError) {
      sendError(res, bodyError[0], bodyError[1]);
      return;
    }

    if (isValidatorError(error) && VALIDATOR_CODES[error.status]) {
      const code = VALIDATOR_CODES[error.status] ?? 'invalid_request';
      sendError(res, code, error.message.slice(0, 500), validatorDetails(error));
      return;
    }

    if (isValidatorError(error) && error.status === 500 && error.errors) {
      // Our own answer broke the spec: a bug of ours, logged with what was wrong.
      logger.error({ path: req.path, problems: validatorDetails(error) }, 'response invalid');
      sendError(res, 'response_invalid', 'the server produced an invalid response');
      return;
    }

    logger.error({ err: safeError(error), path: req.path }, 'request failed');
    sendError(res, 'internal_error', 'the server failed to handle the request');
  };
}
