import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { DeliveryScheduler, WebhookService } from '../../../core/webhooks/index.js';
import {
  startSubscriber,
  verifyAsSubscriber,
  type Subscriber,
} from '../webhooks/webhook-test-kit.js';
import { createConnection, keyOf, startHarness, type Harness } from './api-harness.js';

// The subscriber listens on 127.0.0.1: opt in to private webhook destinations.
process.env.CRM_ML_WEBHOOKS_ALLOW_PRIVATE = 'true';

describe('webhook secret rotation through the API', () => {
  let harness: Harness;
  let subscriber: Subscriber;

  before(async () => {
    harness = await startHarness();
    subscriber = await startSubscriber(() => Date.now());
  });

  after(async () => {
    await subscriber.close();
    await harness.close();
  });

  const subscribe = async (connectionId: string): Promise<{ id: string; secret: string }> => {
    const response = await harness.request('/v1/webhooks', {
      method: 'POST',
      key: keyOf(harness, 'a', 'admin'),
      body: JSON.stringify({
        url: `${subscriber.url}/rotating`,
        events: ['run.completed'],
        connectionIds: [connectionId],
      }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()) as { id: string; secret: string };
  };

  it('returns a new secret once, and deliveries verify with the old and the new one', async () => {
    const connectionId = await createConnection(harness, 'a');
    const { id, secret: oldSecret } = await subscribe(connectionId);

    const rotated = await harness.request(`/v1/webhooks/${id}/rotate-secret`, {
      method: 'POST',
      key: keyOf(harness, 'a', 'admin'),
    });
    assert.equal(rotated.status, 200, await rotated.clone().text());
    const body = (await rotated.json()) as { secret: string; previousSecretExpiresAt: string };
    assert.match(body.secret, /^whsec_/);
    assert.notEqual(body.secret, oldSecret);
    assert.ok(Date.parse(body.previousSecretExpiresAt) > Date.now() + 23 * 3_600_000);

    // The secret is shown only in that answer: listing never reveals it.
    const listed = await harness.request('/v1/webhooks', { key: keyOf(harness, 'a', 'read') });
    assert.ok(!(await listed.text()).includes(body.secret));

    const events = new WebhookService({ store: harness.store });
    await events.emit({ type: 'run.completed', connectionId, data: { runId: 'r1' } });
    await new DeliveryScheduler({ store: harness.store }).runDue();

    const [received] = subscriber.received.filter((r) => r.path === '/rotating');
    assert.ok(received, 'the subscriber got the event');
    assert.equal(received.headers['webhook-signature']?.split(' ').length, 2);
    assert.deepEqual(
      verifyAsSubscriber(oldSecret, received),
      verifyAsSubscriber(body.secret, received),
    );
  });

  it('needs an admin key, and another tenant’s subscription is not found', async () => {
    const connectionId = await createConnection(harness, 'a');
    const { id } = await subscribe(connectionId);

    const asWriter = await harness.request(`/v1/webhooks/${id}/rotate-secret`, {
      method: 'POST',
      key: keyOf(harness, 'a', 'write'),
    });
    assert.equal(asWriter.status, 403);

    const asOther = await harness.request(`/v1/webhooks/${id}/rotate-secret`, {
      method: 'POST',
      key: keyOf(harness, 'b', 'admin'),
    });
    assert.equal(asOther.status, 404);
    const error = (await asOther.json()) as { error: { code: string } };
    assert.equal(error.error.code, 'webhook_not_found');
  });
});
