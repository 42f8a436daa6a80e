import { z } from 'zod';

import { CrmMlError, type ErrorDetail } from '../../core/errors/crm-ml-error.js';

// v3 reads with `associations=contacts` add `{contacts: {results: [{id, type}]}}`; ids are
// strings there, taken as text if a number slips through.
const associatedIds = z.object({
  results: z.array(
    z.object({ id: z.union([z.string(), z.number()]).transform(String), type: z.string() }),
  ),
});

// The client turns createdAt/updatedAt/archivedAt into Date objects; junk becomes Invalid Date,
// which z.date() rejects.
const hubspotObject = z.object({
  id: z.string().min(1),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.date().optional(),
  updatedAt: z.date().optional(),
  archived: z.boolean().optional(),
  archivedAt: z.date().optional(),
  associations: z.record(z.string(), associatedIds).optional(),
});

export type HubSpotObject = z.infer<typeof hubspotObject>;

// Records inside a page are checked one by one (see parseObjects), so one bad record does not
// cost the page.
const uncheckedObjects = z.array(z.unknown());

const nextPage = z.object({ next: z.object({ after: z.string() }).optional() }).optional();

/** GET /crm/v3/objects/{type}: one page of the list endpoint. */
export const listPageSchema = z.object({ results: uncheckedObjects, paging: nextPage });

/** POST /crm/v3/objects/{type}/search. */
export const searchPageSchema = z.object({
  total: z.number().int().nonnegative(),
  results: uncheckedObjects,
  paging: nextPage,
});

const batchError = z.object({
  status: z.string(),
  category: z.string().optional(),
  message: z.string(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});

export type HubSpotBatchError = z.infer<typeof batchError>;

/** POST /crm/v3/objects/{type}/batch/{update,read}: 200, or 207 with `errors`. */
export const batchResponseSchema = z.object({
  results: z.array(hubspotObject),
  errors: z.array(batchError).optional(),
  numErrors: z.number().optional(),
});

const objectId = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

/**
 * POST /crm/v4/associations/{from}/{to}/batch/read: 200, or 207 for ids without links. The
 * wire field is `from`; the official client hands it over renamed to `_from`.
 */
export const associationBatchSchema = z.object({
  results: z.array(
    z
      .object({
        from: objectId.optional(),
        _from: objectId.optional(),
        to: z.array(z.object({ toObjectId: z.union([z.string(), z.number()]).transform(String) })),
      })
      .refine((result) => (result.from ?? result._from) !== undefined, {
        message: 'from is missing',
        path: ['from'],
      })
      .transform((result) => ({ fromId: (result.from ?? result._from)?.id ?? '', to: result.to })),
  ),
});

/** GET /crm/v3/properties/{type} and /crm/v3/properties/{type}/groups. */
export const namedListSchema = z.object({
  results: z.array(z.object({ name: z.string().min(1), type: z.string().optional() })),
});

/**
 * Validates a HubSpot response at the boundary; a mismatch is `hubspot_unexpected_payload`,
 * naming the endpoint and each field that was wrong.
 */
export function parsePayload<T>(schema: z.ZodType<T>, data: unknown, endpoint: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;

  const details = result.error.issues.slice(0, 10).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const first = details[0];
  const summary = first === undefined ? 'invalid shape' : `${first.path}: ${first.message}`;
  throw new CrmMlError(
    'hubspot_unexpected_payload',
    `HubSpot ${endpoint} answered with an unexpected payload (${summary})`,
    { details, retryable: false },
  );
}

/** The usable records of a page, and a problem naming the record and field for each other. */
export interface ParsedObjects {
  objects: HubSpotObject[];
  problems: ErrorDetail[];
}

/**
 * Checks each record of a page on its own. Numbers and booleans where HubSpot documents
 * strings are taken as their text; a property of any other type is dropped and reported; a
 * record without an id or with broken dates is skipped and reported.
 */
export function parseObjects(items: readonly unknown[], endpoint: string): ParsedObjects {
  const parsed: ParsedObjects = { objects: [], problems: [] };
  items.forEach((item, index) => {
    const where = `${endpoint} results[${index}]`;
    const properties = coerceProperties(item, where, parsed.problems);
    const id = asObject(item)['id'];
    const result = hubspotObject.safeParse({
      ...asObject(item),
      id: typeof id === 'number' ? String(id) : id,
      properties,
    });
    if (result.success) {
      parsed.objects.push(result.data);
      return;
    }
    const issue = result.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(record)';
    parsed.problems.push({
      path: `${where}${typeof id === 'string' ? ` (record ${id})` : ''}.${field}`,
      message: `record skipped: ${issue?.message ?? 'invalid shape'}`,
    });
  });
  return parsed;
}

function coerceProperties(
  item: unknown,
  where: string,
  problems: ErrorDetail[],
): Record<string, string | null> {
  const raw = asObject(asObject(item)['properties']);
  const properties: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined) properties[name] = null;
    else if (typeof value === 'string') properties[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') {
      properties[name] = String(value);
    } else {
      problems.push({
        path: `${where}.properties.${name}`,
        message: `expected text, got ${Array.isArray(value) ? 'an array' : typeof value}; dropped`,
      });
    }
  }
  return properties;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
