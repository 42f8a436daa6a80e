import type { z } from 'zod';
import { SandboxHttpError } from './hubspot-error.js';

/** Validates a JSON body at the edge; a mismatch is HubSpot's 400 VALIDATION_ERROR. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;

  const issues = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
  );
  throw SandboxHttpError.validation(`Invalid input JSON: ${issues.join('; ')}`);
}

/**
 * A query parameter given as repeated params (`properties=a&properties=b`, what the official
 * client sends) or comma-joined (`properties=a,b`, what HubSpot's docs show). Null if absent.
 */
export function queryList(value: unknown): string[] | null {
  if (value === undefined) return null;
  const parts = Array.isArray(value) ? value : [value];
  return parts
    .filter((part): part is string => typeof part === 'string')
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** A non-negative integer query or body value, or `fallback` when absent. */
export function integerParam(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw SandboxHttpError.validation(
      `${name} must be a non-negative integer, got ${String(value)}`,
    );
  }
  return number;
}

/** `archived=true` as HubSpot reads it: anything else means live records. */
export function archivedParam(value: unknown): boolean {
  return value === 'true';
}
