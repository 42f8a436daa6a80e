import { Router } from 'express';

import type { components } from '../../../openapi/crm-ml.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import type { Run } from '../../store/index.js';
import { ownedConnection, param, type ApiContext } from '../api-context.js';

type RunView = components['schemas']['Run'];
type RunCreate = components['schemas']['RunCreate'];

// getRun finds a run among the latest ones of its connection: the run repository has no
// lookup by id, and older runs are history nobody polls.
const RUN_LOOKUP_WINDOW = 1_000;

function toView(run: Run): RunView {
  return {
    id: run.id,
    connectionId: run.connectionId,
    kind: run.kind,
    runId: run.runId,
    status: run.status,
    summary: run.summary,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

async function findRun(context: ApiContext, connectionId: string, runId: number): Promise<Run> {
  const runs = await context.store.runs.list(connectionId, { limit: RUN_LOOKUP_WINDOW });
  const run = runs.find((candidate) => candidate.id === runId);
  if (!run) throw new CrmMlError('run_not_found', `no run ${runId} of connection ${connectionId}`);
  return run;
}

/** Runs of a connection: start one (202), the history, one run. */
export function runRoutes(context: ApiContext): Router {
  const router = Router();

  router.get('/v1/connections/:connectionId/runs', async (req, res) => {
    const { connection } = await ownedConnection(context, res, param(req.params, 'connectionId'));
    const limit = Number(req.query['limit'] ?? 50);
    const runs = await context.store.runs.list(connection.id, { limit });
    res.json({ runs: runs.map(toView) });
  });

  router.post('/v1/connections/:connectionId/runs', async (req, res) => {
    const { connection } = await ownedConnection(context, res, param(req.params, 'connectionId'));
    const body = req.body as RunCreate;
    const runId = await context.runs.start({
      connectionId: connection.id,
      kind: body.kind,
      forceTrain: body.forceTrain ?? false,
    });
    const run = await findRun(context, connection.id, runId);
    res.status(202).location(`/v1/connections/${connection.id}/runs/${runId}`).json(toView(run));
  });

  router.get('/v1/connections/:connectionId/runs/:runId', async (req, res) => {
    const { connection } = await ownedConnection(context, res, param(req.params, 'connectionId'));
    res.json(toView(await findRun(context, connection.id, Number(param(req.params, 'runId')))));
  });

  return router;
}
