import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { openStore, type Store } from '../../../core/store/index.js';
import { DeliveryScheduler, fetchSender, WebhookService } from '../../../core/webhooks/index.js';
import {
  assertDeliverableUrl,
  isForbiddenAddress,
  privateWebhookUrlsAllowed,
} from '../../../core/webhooks/webhook-url-guard.js';
import { createConnection, keyOf, startHarness, type Harness } from '../api/api-harness.js';
import { startSubscriber, type Subscriber } from './webhook-test-kit.js';

describe('webhook destinations', () => {
  it('refuses loopback, private, link-local, metadata and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '127.9.9.9',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::',
    ]) {
      assert.equal(isForbiddenAddress(address), true, address);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1']) {
      assert.equal(isForbiddenAddress(address), false, address);
    }
  });

  it('refuses at delivery a public-looking name that resolves to 127.0.0.1', async () => {
    const resolveHost = async (): Promise<string[]> => ['93.184.216.34', '127.0.0.1'];
    await assert.rejects(assertDeliverableUrl('https://hooks.example.com/x', resolveHost), {
      code: 'webhook_url_forbidden',
      message: /hooks\.example\.com resolves to 127\.0\.0\.1/,
    });
    await assertDeliverableUrl('https://hooks.example.com/x', async () => ['93.184.216.34']);
  });

  it('is opted out of only by CRM_ML_WEBHOOKS_ALLOW_PRIVATE=true', () => {
    assert.equal(privateWebhookUrlsAllowed({}), false);
    assert.equal(privateWebhookUrlsAllowed({ CRM_ML_WEBHOOKS_ALLOW_PRIVATE: '1' }), false);
    assert.equal(privateWebhookUrlsAllowed({ CRM_ML_WEBHOOKS_ALLOW_PRIVATE: 'true' }), true);
  });
});

describe('webhook subscriptions to internal addresses', () => {
  let store: Store;
  let subscriber: Subscriber;

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    subscriber = await startSubscriber(() => Date.now());
  });

  after(async () => {
    await subscriber.close();
    await store.close();
  });

  it('are refused at creation, naming url', async () => {
    const service = new WebhookService({ store, allowPrivateUrls: false });
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://127.0.0.1:8080/hook',
      'http://[::1]/hook',
      'http://localhost/hook',
      'http://2130706433/hook',
      'http://metadata.google.internal/computeMetadata',
    ]) {
      await assert.rejects(
        service.subscribe({ tenantId: 't', url, events: ['run.completed'] }),
        (error: { code: string; details: Array<{ path: string }> }) => {
          assert.equal(error.code, 'webhook_url_forbidden', url);
          assert.equal(error.details[0]?.path, 'url');
          return true;
        },
      );
    }
  });

  it('are not delivered to when the address turns private after creation', async () => {
    const allowed = new WebhookService({ store, allowPrivateUrls: true });
    await allowed.subscribe({
      tenantId: 't',
      url: `${subscriber.url}/late`,
      events: ['run.completed'],
    });
    await allowed.emit({ type: 'run.completed', connectionId: 'c', data: { runId: 'r' } });

    const summary = await new DeliveryScheduler({
      store,
      sender: fetchSender({ allowPrivateUrls: false }),
    }).runDue();
    assert.equal(summary.succeeded, 0);
    assert.equal(subscriber.received.length, 0);
  });
});

describe('POST /v1/webhooks with an internal url', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });

  after(async () => {
    await harness.close();
  });

  it('answers 400 webhook_url_forbidden naming url', async () => {
    const connectionId = await createConnection(harness, 'a');
    const response = await harness.request('/v1/webhooks', {
      method: 'POST',
      key: keyOf(harness, 'a', 'admin'),
      body: JSON.stringify({
        url: 'http://169.254.169.254/latest',
        events: ['run.completed'],
        connectionIds: [connectionId],
      }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as {
      error: { code: string; details: Array<{ path: string }> };
    };
    assert.equal(body.error.code, 'webhook_url_forbidden');
    assert.equal(body.error.details[0]?.path, 'url');
  });
});
