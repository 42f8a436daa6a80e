import express from 'express';
import type { Request, RequestHandler, Response } from 'express';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { acceptChanges } from '../../../core/webhooks/inbound-changes.js';
import type { InboundContext } from '../../../core/webhooks/inbound-changes.js';
import {
  readHubSpotBatch,
  type HubSpotBatch,
  type PortalChange,
} from './hubspot-webhook-events.js';
import { verifyHubSpotSignatureV3 } from './verify-signature-v3.js';

/** Settings of the HubSpot webhook endpoint. */
export interface HubSpotHookOptions {
  /** The app's client secret: the key of `X-HubSpot-Signature-v3`. */
  clientSecret: string;
  /**
   * The origin HubSpot calls, as set in the app (`https://crm-ml.example.com`). HubSpot signs
   * the full URL, and behind a proxy the request no longer says which one that was.
   */
  publicBaseUrl: string;
  /**
   * The connection reading a portal; null ignores that portal's events. One HubSpot app
   * serves many portals, so each batch is routed by the portal id its events carry.
   */
  connectionFor(portalId: number | null): Promise<string | null>;
}

// HubSpot retries a failed delivery for up to about a day; remember event ids for longer.
const EVENT_IDS_KEPT_MS = 3 * 86_400_000;
// A signature older than five minutes is refused anyway; keep used ones a little longer.
const SIGNATURES_KEPT_MS = 10 * 60_000;
const MAX_BODY = '1mb';

/**
 * `POST /hubspot`: checks the v3 signature over the raw body bytes and the public URL (no
 * older than five minutes, each signature usable once), stores the batch's new changes (by
 * event id) in the durable inbox, then answers 200: a crash after the answer loses nothing.
 * A bad, stale or replayed signature gets 401 and nothing is stored. Malformed events are
 * skipped and the others stored: the 200 then carries `{"rejected": [{path, message}]}`
 * (`body[1].subscriptionType`); a body that is not a batch, or whose events are all invalid,
 * gets 400 `hubspot_webhook_invalid` with the same details (an empty batch is a 200).
 */
export function hubspotWebhookRoute(
  options: HubSpotHookOptions,
  context: InboundContext,
): RequestHandler[] {
  const origin = options.publicBaseUrl.replace(/\/+$/, '');

  const handle = async (req: Request, res: Response): Promise<void> => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get('x-hubspot-signature-v3');
    const now = context.clock();
    const verdict = verifyHubSpotSignatureV3({
      clientSecret: options.clientSecret,
      method: req.method,
      uri: `${origin}${req.originalUrl}`,
      body,
      signature,
      timestamp: req.get('x-hubspot-request-timestamp'),
      now: now.getTime(),
    });
    if (!verdict.ok) {
      context.logger.warn({ reason: verdict.reason }, 'HubSpot webhook refused');
      sendError(res, 401, 'hubspot_signature_invalid', `signature check failed: ${verdict.reason}`);
      return;
    }

    const unused = await context.seenIds.markSeen(
      'hubspot-signature',
      [signature ?? ''],
      now.toISOString(),
      new Date(now.getTime() + SIGNATURES_KEPT_MS).toISOString(),
    );
    if (unused.size === 0) {
      context.logger.warn('HubSpot webhook refused: signature already used');
      sendError(res, 401, 'hubspot_signature_replayed', 'this signed request was already received');
      return;
    }

    let batch: HubSpotBatch;
    try {
      batch = readHubSpotBatch(body.toString('utf8'));
    } catch (error) {
      if (!(error instanceof CrmMlError)) throw error;
      context.logger.warn({ code: error.code, details: error.details }, 'HubSpot webhook refused');
      res.status(400).json({ error: error.toJSON() });
      return;
    }

    // HubSpot wants an answer within seconds: storing the changes is all that happens first,
    // the sync and rescoring run afterwards from the inbox.
    await routeByPortal(context, options, batch.changes);
    if (batch.rejected.length === 0) {
      res.status(200).end();
      return;
    }
    // The valid events are stored; HubSpot would not resend the batch for a 4xx anyway.
    context.logger.warn({ rejected: batch.rejected }, 'HubSpot webhook events malformed, skipped');
    res.status(200).json({ rejected: batch.rejected.slice(0, 20) });
  };

  return [express.raw({ type: () => true, limit: MAX_BODY }), handle];
}

/** Stores each portal's changes for its connection; a portal with none is logged and skipped. */
async function routeByPortal(
  context: InboundContext,
  options: HubSpotHookOptions,
  changes: readonly PortalChange[],
): Promise<void> {
  const portals = new Map<number | null, PortalChange[]>();
  for (const change of changes) {
    portals.set(change.portalId, [...(portals.get(change.portalId) ?? []), change]);
  }
  for (const [portalId, group] of portals) {
    const connectionId = await options.connectionFor(portalId);
    if (connectionId === null) {
      context.logger.warn(
        { portalId, events: group.length },
        'HubSpot events of an unknown portal',
      );
      continue;
    }
    await acceptChanges(context, 'hubspot-event', connectionId, group, EVENT_IDS_KEPT_MS);
  }
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message, details: [] } });
}
