import { createHash } from 'node:crypto';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { PropertyValue } from '../records/crm-record.js';

/** Serialises a value for a JSON `text` column. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Reads a JSON `text` column back; the caller names the type it stored. */
export function decodeJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/**
 * Normalises a timestamp to `toISOString()` form. Timestamps live in `text` columns and are
 * compared as strings, which is only correct when they all share this exact shape.
 */
export function toIsoTimestamp(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new CrmMlError('store_invalid_timestamp', `${field} is not an ISO timestamp: ${value}`, {
      details: [{ path: field, message: 'expected an ISO 8601 timestamp' }],
    });
  }
  return new Date(time).toISOString();
}

/** A hash of the properties that ignores key order, so a re-read of the same data matches. */
export function contentHash(properties: Record<string, PropertyValue>): string {
  const sorted = Object.keys(properties)
    .sort()
    .map((key) => [key, properties[key] ?? null]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url');
}
