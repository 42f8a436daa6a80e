import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { WebhookService } from '../../../core/api/webhook-service.js';
import { keyOf, startHarness } from './api-harness.js';

const subscription = {
  id: 'sub_1',
  tenantId: 'a',
  url: 'https://hooks.example.com/x',
  events: ['run.completed'],
  connectionIds: null,
  riskThreshold: null,
  status: 'active' as const,
  disabledReason: null,
  createdAt: '2025-01-01T00:00:00.000Z',
};

// A service whose answers can be bent out of the spec's shape, as a bug in a handler would.
function serviceAnswering(list: () => unknown[]): WebhookService {
  const unused = (): never => {
    throw new Error('not used by this test');
  };
  return {
    list: async () => list() as never,
    subscribe: unused,
    remove: unused,
    deliveries: unused,
    replay: unused,
    rotateSecret: unused,
  };
}

test('a response off the spec is caught: 500 response_invalid in the error shape, no leak', async () => {
  let answer: unknown[] = [subscription];
  const harness = await startHarness({ webhooks: serviceAnswering(() => answer) });
  try {
    const list = () => harness.request('/v1/webhooks', { key: keyOf(harness, 'a', 'read') });
    assert.equal((await list()).status, 200, 'the on-spec answer passes');

    // `status` outside its enum, a field the schema does not allow, a secret where none belongs.
    answer = [{ ...subscription, status: 'paused', secret: 'whsec_leaked' }];
    const response = await list();
    assert.equal(response.status, 500);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { code: string; message: string; details: unknown } };
    assert.equal(body.error.code, 'response_invalid');
    assert.ok(Array.isArray(body.error.details));
    assert.ok(!text.includes('whsec_leaked'), 'the off-spec body is not sent');
    assert.ok(!text.includes('paused'));

    answer = [{ ...subscription, createdAt: 12 }];
    assert.equal((await list()).status, 500, 'a wrong type is caught too');
  } finally {
    await harness.close();
  }
});
