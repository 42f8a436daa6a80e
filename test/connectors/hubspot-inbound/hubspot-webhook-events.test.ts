import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  parseHubSpotEvents,
  readHubSpotBatch,
} from '../../../connectors/hubspot/inbound/hubspot-webhook-events.js';

const event = (extra: Record<string, unknown>): Record<string, unknown> => ({
  eventId: 1,
  subscriptionType: 'contact.propertyChange',
  portalId: 42,
  objectId: 7,
  appId: 900,
  ...extra,
});

describe('parseHubSpotEvents', () => {
  it('keeps changes made by people and other apps', () => {
    const changes = parseHubSpotEvents(
      JSON.stringify([
        event({ eventId: 1, propertyName: 'tenure', changeSource: 'CRM_UI' }),
        event({ eventId: 2, changeSource: 'INTEGRATION', sourceId: 901 }),
        event({ eventId: 3, subscriptionType: 'contact.creation' }),
      ]),
    );
    assert.deepEqual(
      changes.map((change) => change.deliveryId),
      ['1', '2', '3'],
    );
    assert.equal(changes[0]?.objectType, 'contacts');
    assert.equal(changes[0]?.recordId, '7');
  });

  it('leaves out echoes of crm-ml’s own write-back', () => {
    const changes = parseHubSpotEvents(
      JSON.stringify([
        event({ eventId: 1, propertyName: 'crm_ml_churn_score', changeSource: 'INTEGRATION' }),
        event({ eventId: 2, changeSource: 'INTEGRATION', sourceId: '900' }),
        event({ eventId: 3, propertyName: 'tenure' }),
      ]),
    );
    assert.deepEqual(
      changes.map((change) => change.deliveryId),
      ['3'],
    );
  });

  it('names the problem in a batch it cannot read', () => {
    assert.throws(
      () => parseHubSpotEvents(JSON.stringify([{ subscriptionType: 'contact.creation' }])),
      (error: Error & { code?: string }) => error.code === 'hubspot_webhook_invalid',
    );
  });

  it('keeps the valid events of a batch and names each problem of the malformed ones', () => {
    const batch = readHubSpotBatch(
      JSON.stringify([
        event({ eventId: 1 }),
        { eventId: 'x', subscriptionType: 5 },
        event({ eventId: 3 }),
      ]),
    );
    assert.deepEqual(
      batch.changes.map((change) => change.deliveryId),
      ['1', '3'],
    );
    assert.deepEqual(batch.rejected, [
      {
        path: 'body[1].subscriptionType',
        message: 'Invalid input: expected string, received number',
      },
    ]);
  });
});
