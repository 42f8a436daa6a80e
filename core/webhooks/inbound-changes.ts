import type { Logger } from '../logging/logger.js';
import type { ObjectType } from '../records/crm-record.js';
import type { InboundChangeRepository, WebhookSeenIdRepository } from '../store/index.js';

/**
 * Called once a connection's new changes are stored, before the CRM gets its 200: starts
 * their processing (adds a queue job, or wakes the in-process rescorer). Failing fails the
 * request; the changes stay stored and are picked up by the next pass anyway.
 */
export type ChangesAcceptedHandler = (connectionId: string) => Promise<void> | void;

/** What an inbound webhook route needs besides its CRM's settings. */
export interface InboundContext {
  /** Signatures already used (replay protection). */
  seenIds: WebhookSeenIdRepository;
  /** The durable inbox: stores changes and marks their delivery ids seen, in one step. */
  changes: InboundChangeRepository;
  onChangesAccepted: ChangesAcceptedHandler;
  /** Whether the store has this connection: changes for one it lacks are refused, not kept. */
  connectionExists(connectionId: string): Promise<boolean>;
  clock: () => Date;
  logger: Logger;
}

/** One record change from a CRM webhook, with the id the CRM gave the notification. */
export interface InboundChange {
  /** Unique per notification; a redelivery repeats it. */
  deliveryId: string;
  objectType: ObjectType;
  recordId: string;
}

/**
 * Stores the changes whose delivery id was not seen within `keepMs` (CRMs redeliver: HubSpot
 * and Salesforce retry for about a day), then calls `onChangesAccepted` when any was new.
 * Both finish before the route answers, so once the CRM has its 200 the work is durable.
 */
export async function acceptChanges(
  context: InboundContext,
  source: string,
  connectionId: string,
  changes: readonly InboundChange[],
  keepMs: number,
): Promise<number> {
  const now = context.clock();
  const fresh = await context.changes.accept(
    source,
    changes.map((change) => ({ ...change, connectionId })),
    now.toISOString(),
    new Date(now.getTime() + keepMs).toISOString(),
  );

  const counts = { received: changes.length, fresh };
  context.logger.info({ source, connectionId, ...counts }, 'inbound webhook changes stored');
  if (fresh > 0) await context.onChangesAccepted(connectionId);
  return fresh;
}
