import type { Logger } from '../logging/logger.js';
import type { ObjectType } from '../records/crm-record.js';
import type { WebhookSeenIdRepository } from '../store/index.js';

/**
 * Called with records a CRM says changed; expected to enqueue an incremental sync and a
 * rescoring of them. Runs after the CRM got its answer, so it may take its time.
 */
export type RecordsChangedHandler = (
  connectionId: string,
  objectType: ObjectType,
  recordIds: string[],
) => Promise<void> | void;

/** What an inbound webhook route needs besides its CRM's settings. */
export interface InboundContext {
  seenIds: WebhookSeenIdRepository;
  onRecordsChanged: RecordsChangedHandler;
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
 * Drops changes whose delivery id was seen within `keepMs` (CRMs redeliver: HubSpot and
 * Salesforce retry for about a day), then hands the rest to `onRecordsChanged`, one call per
 * object type with each record once. Failures are logged: the CRM has been answered already.
 */
export async function handOffChanges(
  context: InboundContext,
  source: string,
  connectionId: string,
  changes: readonly InboundChange[],
  keepMs: number,
): Promise<void> {
  try {
    const now = context.clock();
    const fresh = await context.seenIds.markSeen(
      source,
      changes.map((change) => change.deliveryId),
      now.toISOString(),
      new Date(now.getTime() + keepMs).toISOString(),
    );

    const byType = new Map<ObjectType, Set<string>>();
    for (const change of changes) {
      if (!fresh.has(change.deliveryId)) continue;
      const ids = byType.get(change.objectType) ?? new Set<string>();
      byType.set(change.objectType, ids.add(change.recordId));
    }

    const counts = { received: changes.length, fresh: fresh.size };
    context.logger.info({ source, connectionId, ...counts }, 'inbound webhook changes');
    for (const [objectType, ids] of byType) {
      await context.onRecordsChanged(connectionId, objectType, [...ids]);
    }
  } catch (error) {
    context.logger.error({ err: error, source, connectionId }, 'inbound webhook hand-off failed');
  }
}
