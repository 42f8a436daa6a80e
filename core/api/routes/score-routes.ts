import { Router } from 'express';

import { CrmMlError } from '../../errors/crm-ml-error.js';
import { ownedConnection, param, type ApiContext } from '../api-context.js';
import { allRecordScores, latestRecordScore } from '../record-scores.js';

// Each capability route reads the latest score of the plugin with this id.
const CAPABILITY_PLUGINS = {
  segment: 'segments',
  recommendations: 'recommendations',
  sentiment: 'sentiment',
} as const;

/** Per-record scores: every plugin's, and the segment, recommendations and sentiment views. */
export function scoreRoutes(context: ApiContext): Router {
  const router = Router();
  const base = '/v1/connections/:connectionId/records/:recordId';

  router.get(`${base}/scores`, async (req, res) => {
    const { connection } = await ownedConnection(context, res, param(req.params, 'connectionId'));
    const recordId = param(req.params, 'recordId');
    const scores = await allRecordScores(context, connection.id, recordId);
    // Like the per-plugin views: an unknown or never-scored record is a 404, not an empty list.
    if (scores.length === 0) {
      throw new CrmMlError('score_not_found', `record ${recordId} has no score yet`);
    }
    res.json({ recordId, scores });
  });

  for (const [route, pluginId] of Object.entries(CAPABILITY_PLUGINS)) {
    router.get(`${base}/${route}`, async (req, res) => {
      const { connection } = await ownedConnection(context, res, param(req.params, 'connectionId'));
      const recordId = param(req.params, 'recordId');
      const score = await latestRecordScore(context, connection.id, pluginId, recordId);
      if (!score) {
        throw new CrmMlError('score_not_found', `record ${recordId} has no ${pluginId} score yet`);
      }
      res.json(score);
    });
  }

  return router;
}
