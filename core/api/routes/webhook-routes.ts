import { Router, type Response } from 'express';

import type { components } from '../../../openapi/crm-ml.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { callerOf, param, type ApiContext } from '../api-context.js';
import type { WebhookService, WebhookSubscriptionView } from '../webhook-service.js';

type SubscriptionCreate = components['schemas']['WebhookSubscriptionCreate'];
type SubscriptionBody = components['schemas']['WebhookSubscription'];
type Replay = components['schemas']['WebhookReplay'];
type SecretRotated = components['schemas']['WebhookSecretRotated'];

// The tenant is implied by the key, so it stays out of the answer.
function toBody(view: WebhookSubscriptionView): SubscriptionBody {
  const { tenantId: _tenant, ...rest } = view;
  return rest;
}

/** Webhook subscriptions of the caller's tenant, their delivery log, and replay. */
export function webhookRoutes(context: ApiContext): Router {
  const router = Router();

  const scoped = (res: Response): { service: WebhookService; tenantId: string } => {
    const { tenantId } = callerOf(res);
    if (!context.webhooks) {
      throw new CrmMlError('webhooks_unavailable', 'outgoing webhooks are not set up here');
    }
    return { service: context.webhooks, tenantId };
  };

  router.get('/v1/webhooks', async (_req, res) => {
    const { service, tenantId } = scoped(res);
    res.json({ subscriptions: (await service.list(tenantId)).map(toBody) });
  });

  router.post('/v1/webhooks', async (req, res) => {
    const { service, tenantId } = scoped(res);
    const body = req.body as SubscriptionCreate;

    // A subscription may only watch connections its tenant owns.
    for (const connectionId of body.connectionIds ?? []) {
      const owner = await context.store.tenants.ownerOf(connectionId);
      if (owner?.tenantId !== tenantId) {
        throw new CrmMlError('connection_not_found', `no connection ${connectionId}`, {
          details: [{ path: 'connectionIds', message: `${connectionId} is not a connection` }],
        });
      }
    }

    const created = await service.subscribe({ ...body, tenantId });
    res.status(201).json({ ...created, subscription: toBody(created.subscription) });
  });

  router.post('/v1/webhooks/replay', async (req, res) => {
    const { service, tenantId } = scoped(res);
    res.status(202).json(await service.replay(tenantId, req.body as Replay));
  });

  router.delete('/v1/webhooks/:subscriptionId', async (req, res) => {
    const { service, tenantId } = scoped(res);
    const subscriptionId = param(req.params, 'subscriptionId');
    if (!(await service.remove(tenantId, subscriptionId))) {
      throw new CrmMlError('webhook_not_found', `no webhook subscription ${subscriptionId}`);
    }
    res.status(204).end();
  });

  router.post('/v1/webhooks/:subscriptionId/rotate-secret', async (req, res) => {
    const { service, tenantId } = scoped(res);
    const rotated: SecretRotated = await service.rotateSecret(
      tenantId,
      param(req.params, 'subscriptionId'),
    );
    res.json(rotated);
  });

  router.get('/v1/webhooks/:subscriptionId/deliveries', async (req, res) => {
    const { service, tenantId } = scoped(res);
    const limit = Number(req.query['limit'] ?? 100);
    const subscriptionId = param(req.params, 'subscriptionId');
    res.json({ deliveries: await service.deliveries(tenantId, subscriptionId, { limit }) });
  });

  return router;
}
