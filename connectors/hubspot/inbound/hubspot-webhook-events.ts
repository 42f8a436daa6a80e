import { z } from 'zod';

import { CrmMlError, type ErrorDetail } from '../../../core/errors/crm-ml-error.js';
import type { ObjectType } from '../../../core/records/crm-record.js';
import type { InboundChange } from '../../../core/webhooks/inbound-changes.js';
import { isOwnField } from '../../../core/writeback/own-fields.js';

const idSchema = z.union([z.number().int(), z.string().min(1)]).transform(String);
// HubSpot record ids are whole numbers (sent as numbers, sometimes as digit strings); anything
// else could only be read as no record at all.
const NOT_AN_OBJECT_ID = 'a HubSpot object id is a whole number';
const objectIdSchema = z
  .union(
    [
      z.number().int(NOT_AN_OBJECT_ID).nonnegative(NOT_AN_OBJECT_ID),
      z.string().regex(/^\d+$/, NOT_AN_OBJECT_ID),
    ],
    { error: NOT_AN_OBJECT_ID },
  )
  .transform(String);

// HubSpot adds fields over time; only the ones read here are checked.
const eventSchema = z.looseObject({
  eventId: idSchema,
  subscriptionType: z.string().min(1),
  portalId: z.number().int().optional(),
  occurredAt: z.number().optional(),
  objectId: objectIdSchema.optional(),
  objectTypeId: z.string().optional(),
  appId: idSchema.optional(),
  propertyName: z.string().optional(),
  changeSource: z.string().optional(),
  sourceId: idSchema.nullish(),
});

type HubSpotEvent = z.infer<typeof eventSchema>;

const batchSchema = z.array(z.unknown()).max(1_000);

// A 400 lists this many bad events at most; the log has the count.
const MAX_DETAILS = 20;

// `contact.propertyChange` names its type; generic `object.*` events carry an objectTypeId.
const TYPE_BY_PREFIX: Readonly<Record<string, ObjectType>> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
  ticket: 'tickets',
  line_item: 'line_items',
};
const TYPE_BY_OBJECT_TYPE_ID: Readonly<Record<string, ObjectType>> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-5': 'tickets',
  '0-8': 'line_items',
};

/** A batch's changes, and where its malformed events are (`body[1].subscriptionType`). */
export interface HubSpotBatch {
  changes: PortalChange[];
  rejected: ErrorDetail[];
}

/**
 * The record changes in a HubSpot webhook batch (a JSON array of up to 100 events), each with
 * its portal. Events of object types crm-ml does not read, without an object id (association
 * changes), and echoes of crm-ml's own write-back are left out. A malformed event is reported
 * in `rejected` and the others are kept: HubSpot does not resend a batch that got a 4xx. A
 * body that is not such an array, or whose every event is malformed, is a
 * `hubspot_webhook_invalid` error listing them.
 */
export function readHubSpotBatch(body: string): HubSpotBatch {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw invalid('the body is not JSON', [{ path: 'body', message: 'the body is not JSON' }]);
  }
  const parsed = batchSchema.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues[0]?.message ?? 'unexpected shape';
    throw invalid(why, [{ path: 'body', message: why }]);
  }

  const changes: PortalChange[] = [];
  const rejected: ErrorDetail[] = [];
  let badEvents = 0;
  parsed.data.forEach((item, index) => {
    const event = eventSchema.safeParse(item);
    if (!event.success) {
      badEvents += 1;
      for (const issue of event.error.issues) {
        const field = issue.path.map((part) => `.${String(part)}`).join('');
        rejected.push({ path: `body[${index}]${field}`, message: issue.message });
      }
      return;
    }
    const change = toChange(event.data);
    if (change !== null) changes.push(change);
  });

  if (badEvents > 0 && badEvents === parsed.data.length) {
    throw invalid(`no event is valid (first problem at ${rejected[0]?.path ?? 'body'})`, rejected);
  }
  return { changes, rejected };
}

/** `readHubSpotBatch`'s changes; a batch with malformed events only is an error. */
export function parseHubSpotEvents(body: string): PortalChange[] {
  return readHubSpotBatch(body).changes;
}

function toChange(event: HubSpotEvent): PortalChange | null {
  const objectType = objectTypeOf(event.subscriptionType, event.objectTypeId);
  if (objectType === null || event.objectId === undefined || isOwnChange(event)) return null;
  const change = { deliveryId: event.eventId, objectType, recordId: event.objectId };
  return { ...change, portalId: event.portalId ?? null };
}

/** A change with the portal it happened in (null when HubSpot did not say). */
export interface PortalChange extends InboundChange {
  portalId: number | null;
}

/**
 * A change crm-ml made itself: a `crm_ml_*` property, or any change whose source is this
 * app (`changeSource` INTEGRATION with our `appId` as `sourceId`). Rescoring for it would
 * only read back what we wrote.
 */
function isOwnChange(event: HubSpotEvent): boolean {
  if (event.propertyName !== undefined && isOwnField(event.propertyName)) return true;
  const byApp = event.changeSource === 'INTEGRATION' && event.appId !== undefined;
  return byApp && event.sourceId === event.appId;
}

function objectTypeOf(
  subscriptionType: string,
  objectTypeId: string | undefined,
): ObjectType | null {
  const prefix = subscriptionType.slice(0, subscriptionType.indexOf('.'));
  if (prefix === 'object') return TYPE_BY_OBJECT_TYPE_ID[objectTypeId ?? ''] ?? null;
  return TYPE_BY_PREFIX[prefix] ?? null;
}

function invalid(why: string, details: ErrorDetail[]): CrmMlError {
  return new CrmMlError('hubspot_webhook_invalid', `Not a HubSpot webhook batch: ${why}`, {
    details: details.slice(0, MAX_DETAILS),
  });
}
