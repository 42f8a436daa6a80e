import { Router } from 'express';
import { makeRecordId } from '../record-id.js';
import type { RouteContext } from '../route-context.js';
import { bulkIngestRoutes } from './bulk-ingest-routes.js';
import { bulkQueryRoutes } from './bulk-query-routes.js';

/** Bulk API 2.0: query and ingest jobs, whose ids share the `750` key prefix. */
export function bulkRoutes(context: RouteContext): Router {
  let counter = 0;
  const nextJobId = (): string => {
    counter += 1;
    return makeRecordId('750', counter);
  };
  const router = Router();
  router.use(bulkQueryRoutes(context, nextJobId), bulkIngestRoutes(context, nextJobId));
  return router;
}
