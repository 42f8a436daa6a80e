import { createHash, timingSafeEqual } from 'node:crypto';

import express from 'express';
import type { Request, RequestHandler, Response } from 'express';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import type { ObjectType } from '../../../core/records/crm-record.js';
import { acceptChanges } from '../../../core/webhooks/inbound-changes.js';
import type { InboundChange, InboundContext } from '../../../core/webhooks/inbound-changes.js';
import { ObjectMap } from '../object-map.js';
import { outboundAck, parseOutboundMessage } from '../outbound-message.js';
import type { OutboundMessage } from '../outbound-message.js';
import { soapFault } from './soap-fault.js';

/** Settings of the Salesforce outbound message endpoint. */
export interface SalesforceHookOptions {
  /** The org whose messages are accepted (15 or 18 characters). */
  orgId: string;
  /** The connection the org's changes belong to. */
  connectionId: string;
  /** sObjects behind object types, as in the connector's configuration. */
  objects?: Partial<Record<ObjectType, string>>;
  /**
   * The `?token=<this>` the endpoint URL configured in Salesforce must carry. Outbound
   * messages are not signed and an org id is no secret, so this is what keeps strangers out:
   * without it every message is refused with 503 (`salesforce_hook_token_missing`).
   */
  token?: string;
}

/** The variable `crm-ml serve` reads the endpoint token from. */
export const SALESFORCE_HOOK_TOKEN_VARIABLE = 'CRM_ML_HOOKS_SALESFORCE_TOKEN';
/** The variable `crm-ml serve` reads the connection the org's changes belong to from. */
export const SALESFORCE_HOOK_CONNECTION_VARIABLE = 'CRM_ML_HOOKS_SALESFORCE_CONNECTION';

// Salesforce retries an unacknowledged message for up to 24 hours; keep ids a while longer.
const NOTIFICATION_IDS_KEPT_MS = 2 * 86_400_000;
const MAX_BODY = '1mb';

/**
 * `POST /salesforce`: takes an outbound message (SOAP) from the expected org, stores its new
 * notifications (by id) in the durable inbox, then acknowledges it: Salesforce retries what
 * is not acknowledged, and what is acknowledged is stored. A message of another org or with
 * a wrong token gets 403 with a SOAP fault and nothing is stored; with no token configured,
 * every message gets 503.
 */
export function salesforceWebhookRoute(
  options: SalesforceHookOptions,
  context: InboundContext,
): RequestHandler[] {
  const objects = new ObjectMap(options.objects);

  const handle = async (req: Request, res: Response): Promise<void> => {
    if (options.token === undefined || options.token === '') {
      context.logger.warn('Salesforce outbound message refused: the endpoint has no token');
      const why = `salesforce_hook_token_missing: set ${SALESFORCE_HOOK_TOKEN_VARIABLE} to enable`;
      fault(res, 503, 'soapenv:Server', why);
      return;
    }
    if (!sameToken(req.query['token'], options.token)) {
      context.logger.warn('Salesforce outbound message refused: wrong token');
      fault(res, 403, 'soapenv:Client', 'not authorised');
      return;
    }

    let message: OutboundMessage;
    try {
      message = parseOutboundMessage(typeof req.body === 'string' ? req.body : '', options.orgId);
    } catch (error) {
      if (!(error instanceof CrmMlError)) throw error;
      const wrongOrg = error.code === 'salesforce_outbound_org_mismatch';
      context.logger.warn({ code: error.code }, 'Salesforce outbound message refused');
      fault(res, wrongOrg ? 403 : 400, 'soapenv:Client', error.message);
      return;
    }

    // Stored changes of a connection that does not exist could never be run: refuse them
    // (Salesforce keeps retrying) instead of keeping them pending for ever.
    if (!(await context.connectionExists(options.connectionId))) {
      const why = unknownConnection(options.connectionId);
      context.logger.error({ code: why.code, connectionId: options.connectionId }, why.message);
      fault(res, 503, 'soapenv:Server', `${why.code}: ${why.message}`);
      return;
    }

    const changes = toChanges(message, objects, context);
    try {
      await acceptChanges(
        context,
        'salesforce-notification',
        options.connectionId,
        changes,
        NOTIFICATION_IDS_KEPT_MS,
      );
    } catch (error) {
      // Not acknowledged, so Salesforce sends the message again.
      context.logger.error({ err: error }, 'Salesforce outbound message not stored');
      fault(res, 500, 'soapenv:Server', 'the message could not be stored; send it again');
      return;
    }
    res.status(200).type('text/xml').send(outboundAck(true));
  };

  return [express.text({ type: () => true, limit: MAX_BODY }), handle];
}

/** The error for a hook configured with a connection the store does not have. */
export function unknownConnection(connectionId: string): CrmMlError {
  return new CrmMlError(
    'salesforce_hook_connection_not_found',
    `${SALESFORCE_HOOK_CONNECTION_VARIABLE} names connection '${connectionId}', which is not ` +
      'in the store: create the connection first, or correct the variable',
  );
}

function toChanges(
  message: OutboundMessage,
  objects: ObjectMap,
  context: InboundContext,
): InboundChange[] {
  return message.notifications.flatMap((notification) => {
    const objectType = objects.typeOf(notification.sObjectType);
    if (objectType === null) {
      context.logger.info({ sObject: notification.sObjectType }, 'outbound message: unmapped');
      return [];
    }
    return [{ deliveryId: notification.id, objectType, recordId: notification.recordId }];
  });
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  // Hashing first gives equal lengths, which timingSafeEqual requires.
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function fault(
  res: Response,
  status: number,
  code: 'soapenv:Client' | 'soapenv:Server',
  reason: string,
): void {
  res.status(status).type('text/xml').send(soapFault(code, reason));
}
