import { CrmMlError } from '../errors/crm-ml-error.js';

/**
 * The loggable part of an error: name, code, message and stack, never the error object itself.
 * Client libraries hang the failed request (with its Authorization header) on their errors,
 * and a logged object graph would carry the token into the log.
 */
export function safeError(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 500) };
  return {
    name: error.name,
    ...(error instanceof CrmMlError ? { code: error.code } : {}),
    message: error.message.slice(0, 500),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  };
}
