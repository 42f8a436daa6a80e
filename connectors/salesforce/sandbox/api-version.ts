import type { Request } from 'express';
import { SalesforceHttpError } from './salesforce-error.js';

/** The versions `GET /services/data` offers, newest last, with their release names. */
export const OFFERED_VERSIONS: readonly { version: string; label: string }[] = [
  { version: '60.0', label: "Spring '24" },
  { version: '61.0', label: "Summer '24" },
  { version: '62.0', label: "Winter '25" },
];

// Salesforce still serves versions back to 31.0; older ones answer 410, newer ones 404.
const OLDEST_SERVED = 31;
const NEWEST_SERVED = 62;

/** The API version of a `/services/data/vXX.X/…` request, e.g. '62.0', or a 404. */
export function apiVersion(request: Request): string {
  const raw = request.params['version'];
  const match = typeof raw === 'string' ? /^v(\d+)\.0$/.exec(raw) : null;
  const major = Number(match?.[1]);
  if (!match || major < OLDEST_SERVED || major > NEWEST_SERVED)
    throw SalesforceHttpError.notFound();
  return `${major}.0`;
}
