import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { HubSpotHttpError } from './hubspot-http-error.js';

/** One bad property value HubSpot named in a batch-wide 400. */
export interface PropertyProblem {
  /** The property, e.g. `crm_ml_churn_score`. */
  name: string;
  /** HubSpot's error code, e.g. `INVALID_DECIMAL`, `INVALID_OPTION`. */
  error: string;
  message: string;
}

/** A batch HubSpot refused as a whole because of property values in some of its inputs. */
export interface BatchRejection {
  /** The thrown error, rethrown when narrowing the batch down cannot help. */
  error: CrmMlError;
  /** The problems the 400 listed; empty when its message had no list crm-ml could read. */
  problems: PropertyProblem[];
}

// The error code HubSpot gives a property no value can satisfy: the field itself is missing.
export const MISSING_PROPERTY = 'PROPERTY_DOESNT_EXIST';

const problemList = z.array(
  z.object({
    name: z.string().min(1),
    error: z.string().default('INVALID_VALUE'),
    message: z.string().default(''),
  }),
);

/**
 * The rejection behind a failed batch update, or null when the call failed for another
 * reason. HubSpot validates every input before it writes any, so one bad value anywhere
 * answers 400 VALIDATION_ERROR for the whole batch, naming the properties and values
 * ("Property values were not valid: [{…"name":"crm_ml_x"}]") but never the record.
 */
export function batchRejection(error: unknown): BatchRejection | null {
  if (!(error instanceof CrmMlError) || error.retryable) return null;
  const cause = error.cause;
  if (!(cause instanceof HubSpotHttpError) || cause.status !== 400) return null;
  if (cause.bodyField('category') !== 'VALIDATION_ERROR') return null;

  const message = cause.bodyField('message') ?? '';
  return { error, problems: listedProblems(message) };
}

function listedProblems(message: string): PropertyProblem[] {
  const start = message.indexOf('[');
  if (start < 0) return [];
  try {
    const parsed = problemList.safeParse(JSON.parse(message.slice(start)));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
