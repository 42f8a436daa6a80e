import { Router, type Response } from 'express';

import type { components } from '../../../openapi/crm-ml.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import type { ModelSummary, StoredModel } from '../../store/index.js';
import { ownedConnection, param, type ApiContext } from '../api-context.js';
import { featureImportanceOf } from '../feature-importance.js';
import { renderModelReport } from '../model-report.js';

type ModelVersion = components['schemas']['ModelVersion'];
type ModelDetail = components['schemas']['ModelDetail'];

function toVersion(model: ModelSummary): ModelVersion {
  return {
    pluginId: model.pluginId,
    version: model.version,
    trainedAt: model.trainedAt,
    createdAt: model.createdAt,
    metrics: model.metrics,
  };
}

interface FoundModel {
  model: StoredModel;
  versions: ModelSummary[];
}

async function findModel(
  context: ApiContext,
  res: Response,
  params: Record<string, string>,
): Promise<FoundModel> {
  const { connection } = await ownedConnection(context, res, param(params, 'connectionId'));
  const pluginId = param(params, 'pluginId');
  const version = Number(param(params, 'version'));

  const versions = await context.store.models.list(connection.id, pluginId);
  const summary = versions.find((candidate) => candidate.version === version);
  const model = summary ? await context.store.models.get(summary.id) : null;
  if (!model) {
    throw new CrmMlError('model_not_found', `no ${pluginId} model version ${version}`);
  }
  return { model, versions: versions.filter((candidate) => candidate.version <= version) };
}

/** Model versions of a connection, one version's details, and its report. */
export function modelRoutes(context: ApiContext): Router {
  const router = Router();

  router.get('/v1/connections/:connectionId/models', async (req, res) => {
    const { connection } = await ownedConnection(context, res, param(req.params, 'connectionId'));
    const plugin = typeof req.query['plugin'] === 'string' ? req.query['plugin'] : undefined;
    const models = await context.store.models.list(connection.id, plugin);
    res.json({ models: models.map(toVersion) });
  });

  router.get(
    '/v1/connections/:connectionId/models/:pluginId/versions/:version',
    async (req, res) => {
      const { model } = await findModel(context, res, req.params);
      const detail: ModelDetail = {
        ...toVersion(model),
        featureImportance: featureImportanceOf(model.saved),
        scoredRecords: await context.store.scores.countForModel(model.id),
      };
      res.json(detail);
    },
  );

  router.get(
    '/v1/connections/:connectionId/models/:pluginId/versions/:version/report',
    async (req, res) => {
      const { model, versions } = await findModel(context, res, req.params);
      res.type('image/svg+xml').send(renderModelReport(model.saved, versions));
    },
  );

  return router;
}
