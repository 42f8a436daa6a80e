import { Router, type Request } from 'express';

import type { components } from '../../../openapi/crm-ml.js';
import { verifyHubSpotSignatureV3 } from '../../../connectors/hubspot/inbound/verify-signature-v3.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import type { ApiContext } from '../api-context.js';
import { latestRecordScore } from '../record-scores.js';

type HubSpotCard = components['schemas']['HubSpotCard'];
type CardProperty = HubSpotCard['results'][number]['properties'][number];

// HubSpot status colours for the risk band.
const RISK_OPTION: Readonly<Record<string, string>> = {
  low: 'SUCCESS',
  medium: 'WARNING',
  high: 'DANGER',
};

// HubSpot signs the URL it called; behind a proxy that is the public URL, not our own host.
function calledUri(req: Request, publicUrl: string | undefined): string {
  const origin = publicUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host') ?? ''}`;
  return `${origin}${req.originalUrl}`;
}

function cardProperties(
  values: Record<string, string | number | boolean | null>,
  score: number,
  scoredAt: string,
  modelVersion: number | null,
): CardProperty[] {
  const scoreValue = values['crm_ml_churn_score'];
  const risk = values['crm_ml_churn_risk'];
  const drivers = values['crm_ml_churn_drivers'];
  const properties: CardProperty[] = [
    {
      label: 'Churn score',
      dataType: 'NUMERIC',
      value: typeof scoreValue === 'number' ? scoreValue : Math.round(score * 100),
    },
  ];
  if (typeof risk === 'string') {
    const option = RISK_OPTION[risk] ?? 'DEFAULT';
    properties.push({ label: 'Churn risk', dataType: 'STATUS', value: risk, optionType: option });
  }
  if (typeof drivers === 'string' && drivers !== '') {
    properties.push({ label: 'Drivers', dataType: 'STRING', value: drivers });
  }
  properties.push({ label: 'Scored at', dataType: 'DATETIME', value: Date.parse(scoredAt) });
  if (modelVersion !== null) {
    properties.push({ label: 'Model', dataType: 'STRING', value: `churn v${modelVersion}` });
  }
  return properties;
}

/** The data fetch of HubSpot's CRM card: the record's churn score and drivers. */
export function hubspotCardRoute(context: ApiContext): Router {
  const router = Router();

  router.get('/hubspot/card', async (req, res) => {
    const card = context.hubspotCard;
    if (!card) {
      throw new CrmMlError('hubspot_card_disabled', 'set HUBSPOT_CLIENT_SECRET to serve the card');
    }

    const verdict = verifyHubSpotSignatureV3({
      clientSecret: card.clientSecret,
      method: req.method,
      uri: calledUri(req, card.publicUrl),
      body: '',
      signature: req.get('x-hubspot-signature-v3'),
      timestamp: req.get('x-hubspot-request-timestamp'),
    });
    if (!verdict.ok) {
      throw new CrmMlError(
        'hubspot_signature_invalid',
        `the HubSpot signature is invalid (${verdict.reason})`,
      );
    }

    const portalId = Number(req.query['portalId']);
    const objectId = String(req.query['associatedObjectId']);
    const owner = await context.store.tenants.connectionForPortal(portalId);
    if (!owner)
      throw new CrmMlError('connection_not_found', `no connection for portal ${portalId}`);

    const score = await latestRecordScore(context, owner.connectionId, 'churn', objectId);
    const body: HubSpotCard = {
      results: score
        ? [
            {
              objectId: /^\d+$/.test(objectId) ? Number(objectId) : objectId,
              title: 'Churn risk (crm-ml)',
              properties: cardProperties(
                score.values,
                score.score,
                score.scoredAt,
                score.modelVersion,
              ),
            },
          ]
        : [],
    };
    res.json(body);
  });

  return router;
}
