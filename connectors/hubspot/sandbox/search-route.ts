import { Router } from 'express';
import { z } from 'zod';
import { SandboxHttpError } from './hubspot-error.js';
import { resolveObjectType } from './object-type.js';
import { integerParam, parseBody } from './parse-input.js';
import type { RouteContext } from './route-context.js';
import type { SandboxRecord } from './sandbox-record.js';
import { compileFilter, filterSchema, valueGetter, valueKind } from './search-filter.js';
import { SortOrderCache, type SortDirection } from './sort-order-cache.js';
import { toWireRecord } from './wire-record.js';

// HubSpot's documented search limits.
const SEARCH_MAX_LIMIT = 200;
const SEARCH_DEFAULT_LIMIT = 10;
const SEARCH_MAX_RESULTS = 10_000;
const MAX_FILTER_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS = 18;

const sortSchema = z.union([
  z.string(),
  z.object({
    propertyName: z.string(),
    direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING'),
  }),
]);

const searchBody = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).default([]),
  sorts: z.array(sortSchema).default([]),
  properties: z.array(z.string()).optional(),
  query: z.string().optional(),
  limit: z.union([z.number(), z.string()]).optional(),
  after: z.union([z.number(), z.string()]).optional(),
});

type SearchBody = z.infer<typeof searchBody>;
type Predicate = (record: SandboxRecord) => boolean;

function checkFilterLimits(body: SearchBody): void {
  const groups = body.filterGroups;
  const total = groups.reduce((sum, group) => sum + group.filters.length, 0);
  if (
    groups.length > MAX_FILTER_GROUPS ||
    total > MAX_FILTERS ||
    groups.some((group) => group.filters.length > MAX_FILTERS_PER_GROUP)
  ) {
    throw SandboxHttpError.validation(
      `Too many filters: at most ${MAX_FILTER_GROUPS} filterGroups, ` +
        `${MAX_FILTERS_PER_GROUP} filters per group and ${MAX_FILTERS} filters in total.`,
    );
  }
}

// Filter groups are OR'ed, the filters inside one group AND'ed; no groups match everything.
function compileWhere(context: RouteContext, type: string, body: SearchBody): Predicate {
  const groups = body.filterGroups.map((group) =>
    group.filters.map((filter) => compileFilter(context.data.catalog, type, filter)),
  );
  const text = body.query?.toLowerCase();

  return (record) => {
    if (record.archived) return false;
    if (text && ![...record.properties.values()].some((v) => v.toLowerCase().includes(text))) {
      return false;
    }
    return groups.length === 0 || groups.some((group) => group.every((matches) => matches(record)));
  };
}

function candidates(
  context: RouteContext,
  cache: SortOrderCache,
  type: string,
  body: SearchBody,
): readonly SandboxRecord[] {
  const sort = body.sorts[0];
  if (sort === undefined) return context.data.ordered(type);

  const property = typeof sort === 'string' ? sort : sort.propertyName;
  const direction: SortDirection = typeof sort === 'string' ? 'ASCENDING' : sort.direction;
  const kind = valueKind(context.data.catalog, type, property);
  return cache.sorted(type, property, direction, valueGetter(kind, property, type));
}

/** `POST /crm/v3/objects/{objectType}/search` with filters, one sort, offset paging. */
export function searchRoute(context: RouteContext): Router {
  const router = Router();
  const cache = new SortOrderCache(context.data);

  router.post('/crm/v3/objects/:objectType/search', (request, response) => {
    const type = resolveObjectType(request.params.objectType);
    const body = parseBody(searchBody, request.body);
    const limit = integerParam(body.limit, 'limit', SEARCH_DEFAULT_LIMIT);
    const after = integerParam(body.after, 'after', 0);
    if (limit > SEARCH_MAX_LIMIT) {
      throw SandboxHttpError.validation(`limit must be at most ${SEARCH_MAX_LIMIT}, got ${limit}.`);
    }
    // HubSpot documents that paging past 10,000 results of one query is refused with a 400.
    if (after + limit > SEARCH_MAX_RESULTS) {
      throw SandboxHttpError.validation(
        `Search results are limited to ${SEARCH_MAX_RESULTS} per ` +
          `query; after=${after} with limit=${limit} pages past it. Narrow the filters instead.`,
      );
    }
    checkFilterLimits(body);
    const where = compileWhere(context, type, body);

    let total = 0;
    const page: SandboxRecord[] = [];
    for (const record of candidates(context, cache, type, body)) {
      if (!where(record)) continue;
      if (total >= after && page.length < limit) page.push(record);
      total += 1;
    }

    const results = page.map((record) =>
      toWireRecord(record, body.properties ?? null, context.data.catalog),
    );
    const next = after + page.length;
    response.json(
      next < total && page.length > 0
        ? { total, results, paging: { next: { after: String(next) } } }
        : { total, results },
    );
  });

  return router;
}
