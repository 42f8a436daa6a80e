import { Router } from 'express';
import { apiVersion, OFFERED_VERSIONS } from './api-version.js';
import type { ApiUsage } from './api-usage-middleware.js';

/** `GET /services/data`: the versions list, which Salesforce serves without a session. */
export function versionsRoute(): Router {
  const router = Router();
  router.get('/services/data', (_request, response) => {
    response.json(
      OFFERED_VERSIONS.map(({ version, label }) => ({
        label,
        url: `/services/data/v${version}`,
        version,
      })),
    );
  });
  return router;
}

/** A fixed allowance with nothing used, for limits the sandbox does not count. */
const unused = (max: number): { Max: number; Remaining: number } => ({ Max: max, Remaining: max });

/** `GET …/vXX.X` (resource directory) and `GET …/vXX.X/limits`. */
export function orgRoutes(usage: ApiUsage): Router {
  const router = Router();

  router.get('/services/data/:version', (request, response) => {
    const base = `/services/data/v${apiVersion(request)}`;
    const names = ['sobjects', 'query', 'queryAll', 'composite', 'jobs', 'limits', 'tooling'];
    response.json(Object.fromEntries(names.map((name) => [name, `${base}/${name}`])));
  });

  router.get('/services/data/:version/limits', (request, response) => {
    apiVersion(request);
    response.json({
      DailyApiRequests: { Max: usage.max, Remaining: Math.max(0, usage.max - usage.used()) },
      DailyAsyncApexExecutions: unused(250_000),
      DailyBulkApiBatches: unused(15_000),
      DailyBulkV2QueryFileStorageMB: unused(976_562),
      DailyBulkV2QueryJobs: unused(10_000),
      DataStorageMB: unused(5),
      FileStorageMB: unused(20),
      SingleEmail: unused(15),
    });
  });
  return router;
}
