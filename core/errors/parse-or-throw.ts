import type { z } from 'zod';
import { CrmMlError, type ErrorDetail } from './crm-ml-error.js';

/** Zod's issues as crm-ml error details: a dotted path (or `root`) and the message. */
export function zodDetails(error: z.ZodError, root = '(input)'): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || root,
    message: issue.message,
  }));
}

/**
 * Validates `value` with `schema`, or throws a CrmMlError with `code` whose message names
 * `what` and the first bad field, and whose details list every problem.
 */
export function parseOrThrow<T>(
  schema: z.ZodType<T>,
  value: unknown,
  code: string,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const details = zodDetails(result.error);
  const first = details[0];
  throw new CrmMlError(
    code,
    `Invalid ${what} '${first?.path ?? '(input)'}': ${first?.message ?? 'invalid'}`,
    { details },
  );
}
