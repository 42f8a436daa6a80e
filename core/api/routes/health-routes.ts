import { Router } from 'express';

import type { components } from '../../../openapi/crm-ml.js';
import type { ApiContext } from '../api-context.js';

type Health = components['schemas']['Health'];

/** `GET /v1/health`: answers once the store answers. */
export function healthRoutes(context: ApiContext): Router {
  const router = Router();

  router.get('/v1/health', async (_req, res) => {
    // A cheap read proves the store is reachable, not just that the process is alive.
    await context.store.tenants.ownerOf('health-check');
    const body: Health = { status: 'ok', version: context.version };
    res.json(body);
  });

  return router;
}
