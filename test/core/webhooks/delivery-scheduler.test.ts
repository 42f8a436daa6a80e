import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Store } from '../../../core/store/index.js';
import { DeliveryScheduler, WebhookService } from '../../../core/webhooks/index.js';
import type { DisabledNotice } from '../../../core/webhooks/index.js';
import { storeBackends } from '../../helpers/store-backends.js';
import { SimulatedClock, startSubscriber, verifyAsSubscriber } from './webhook-test-kit.js';
import type { Subscriber } from './webhook-test-kit.js';

// The subscriber listens on 127.0.0.1: opt in to private webhook destinations.
process.env.CRM_ML_WEBHOOKS_ALLOW_PRIVATE = 'true';

const START = Date.parse('2025-01-06T09:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Kit {
  store: Store;
  clock: SimulatedClock;
  service: WebhookService;
  scheduler: DeliveryScheduler;
  notices: DisabledNotice[];
}

function kitOn(store: Store, clock: SimulatedClock, notices: DisabledNotice[] = []): Kit {
  const service = new WebhookService({ store, clock: clock.now });
  const scheduler = new DeliveryScheduler({
    store,
    clock: clock.now,
    onSubscriptionDisabled: (notice) => {
      notices.push(notice);
    },
  });
  return { store, clock, service, scheduler, notices };
}

/** Runs due deliveries, jumping the clock to each next due time, until `until`. */
async function runUntil(kit: Kit, until: number): Promise<void> {
  for (;;) {
    await kit.scheduler.runDue();
    const next = await kit.scheduler.nextDueAt();
    if (next === null || next.getTime() > until) return;
    kit.clock.ms = Math.max(kit.clock.ms, next.getTime());
  }
}

for (const backend of storeBackends()) {
  describe(`webhook delivery (${backend.name})`, () => {
    let subscriber: Subscriber;
    let clock: SimulatedClock;
    let kit: Kit;

    before(async () => {
      await backend.setup();
      clock = new SimulatedClock(START);
      subscriber = await startSubscriber(() => clock.ms);
      kit = kitOn(await backend.open(), clock);
    });

    after(async () => {
      await kit.store.close();
      await subscriber.close();
      await backend.teardown();
    });

    it('a subscriber down for an hour gets every event, id and bytes as first sent', async () => {
      clock.ms = START;
      subscriber.received.length = 0;
      subscriber.answer = (request) => ({ status: request.at < START + HOUR ? 503 : 204 });
      const { id, secret } = await kit.service.subscribe({
        tenantId: 'acme',
        url: `${subscriber.url}/outage`,
        events: ['run.completed', 'score.updated'],
      });

      const emitted: string[] = [];
      for (let n = 0; n < 3; n += 1) {
        const data = { runId: `run-${n}`, note: 'Zoë 🚀' };
        emitted.push(
          (await kit.service.emit({ type: 'run.completed', connectionId: 'c1', data })).eventId,
        );
      }
      await kit.scheduler.runDue();

      // A restart: new store handle, service and scheduler; the retry state is in the store.
      if (backend.persistent) {
        await kit.store.close();
        kit = kitOn(await backend.open(), clock);
      }
      await runUntil(kit, START + 6 * HOUR);

      const mine = subscriber.received.filter((r) => r.path === '/outage');
      const delivered = mine.filter((r) => r.at >= START + HOUR);
      assert.deepEqual(delivered.map((r) => r.headers['webhook-id']).sort(), [...emitted].sort());
      assert.ok(mine.length > delivered.length, 'there were failed attempts first');

      for (const eventId of emitted) {
        const attempts = mine.filter((r) => r.headers['webhook-id'] === eventId);
        assert.equal(new Set(attempts.map((r) => r.body)).size, 1, 'one body for all attempts');
        for (const attempt of attempts) {
          assert.equal(Number(attempt.headers['webhook-timestamp']), Math.floor(attempt.at / 1000));
          const body = verifyAsSubscriber(secret, attempt) as { type: string };
          assert.equal(body.type, 'run.completed');
        }
      }

      const log = await kit.service.deliveries('acme', id, { limit: 100 });
      assert.equal(log.filter((a) => a.status === 'succeeded').length, 3);
      assert.ok(log.some((a) => a.responseCode === 503 && a.nextAttemptAt !== null));
      assert.equal(await kit.scheduler.nextDueAt(), null);
    });

    it('keeps retrying for over a day, then disables a subscription failing for three days, telling the tenant', async () => {
      const start = clock.ms;
      subscriber.answer = (request) => ({ status: request.path === '/down' ? 503 : 200 });
      const { id } = await kit.service.subscribe({
        tenantId: 'acme',
        url: `${subscriber.url}/down`,
        events: ['churn.risk_crossed'],
      });
      const watcher = await kit.service.subscribe({
        tenantId: 'acme',
        url: `${subscriber.url}/watcher`,
        events: ['webhook.disabled'],
      });
      await kit.service.subscribe({
        tenantId: 'other',
        url: `${subscriber.url}/other-tenant`,
        events: ['webhook.disabled'],
      });

      // An event every six hours, as scheduled runs would emit them, for four days.
      const emitted: string[] = [];
      for (let hour = 0; hour <= 96; hour += 6) {
        clock.ms = Math.max(clock.ms, start + hour * HOUR);
        const data = { recordId: `r${hour}` };
        emitted.push(
          (await kit.service.emit({ type: 'churn.risk_crossed', connectionId: 'c1', data }))
            .eventId,
        );
        await runUntil(kit, start + (hour + 6) * HOUR - 1);
      }

      const [subscription] = (await kit.service.list('acme')).filter((s) => s.id === id);
      assert.equal(subscription?.status, 'disabled');
      assert.match(subscription?.disabledReason ?? '', /every attempt failed for 7\d hours/);

      const down = subscriber.received.filter((r) => r.path === '/down');
      const firstEvent = down.filter((r) => r.headers['webhook-id'] === emitted[0]);
      assert.equal(firstEvent.length, 8, 'the first attempt and seven retries');
      const span = (firstEvent.at(-1)?.at ?? 0) - (firstEvent[0]?.at ?? 0);
      assert.ok(span > 24 * HOUR, `retries spanned ${span / HOUR} hours, over a day`);
      const lastAttempt = Math.max(...down.map((r) => r.at));
      assert.ok(lastAttempt < start + 80 * HOUR, 'nothing is sent after the disable');

      // The notice: one webhook.disabled to the tenant's other subscription, none elsewhere.
      const notices = subscriber.received.filter((r) => r.path === '/watcher');
      assert.equal(notices.length, 1);
      const notice = verifyAsSubscriber(watcher.secret, notices[0]!) as {
        type: string;
        data: { subscriptionId: string; reason: string };
      };
      assert.equal(notice.type, 'webhook.disabled');
      assert.equal(notice.data.subscriptionId, id);
      assert.match(notice.data.reason, /failed for/);
      assert.equal(subscriber.received.filter((r) => r.path === '/other-tenant').length, 0);
      assert.ok(kit.notices.some((n) => n.subscriptionId === id));
      const log = await kit.service.deliveries('acme', watcher.id, { limit: 10 });
      assert.deepEqual(
        log.map((a) => [a.eventType, a.status]),
        [['webhook.disabled', 'succeeded']],
      );
    });

    it('410 Gone disables the subscription and stops its deliveries', async () => {
      subscriber.answer = (request) => ({ status: request.path === '/gone' ? 410 : 200 });
      const { id } = await kit.service.subscribe({
        tenantId: 'acme',
        url: `${subscriber.url}/gone`,
        events: ['run.failed'],
      });
      const data = { runId: 'r', error: 'boom' };
      await kit.service.emit({ type: 'run.failed', connectionId: 'c1', data });
      await kit.scheduler.runDue();

      const [subscription] = (await kit.service.list('acme')).filter((s) => s.id === id);
      assert.equal(subscription?.status, 'disabled');
      assert.match(subscription?.disabledReason ?? '', /410/);
      assert.ok(kit.notices.some((notice) => notice.subscriptionId === id));
      const again = await kit.service.emit({ type: 'run.failed', connectionId: 'c1', data });
      assert.equal(again.deliveries, 0);
    });

    it('honours Retry-After', async () => {
      let first = true;
      subscriber.answer = (request) => {
        if (request.path !== '/busy') return { status: 200 };
        if (!first) return { status: 200 };
        first = false;
        return { status: 429, headers: { 'retry-after': '120' } };
      };
      const { id } = await kit.service.subscribe({
        tenantId: 'acme',
        url: `${subscriber.url}/busy`,
        events: ['run.completed'],
      });
      const sent = clock.ms;
      await kit.service.emit({ type: 'run.completed', connectionId: 'c1', data: {} });
      await kit.scheduler.runDue();

      clock.advance(60_000);
      await kit.scheduler.runDue();
      assert.equal(subscriber.received.filter((r) => r.path === '/busy').length, 1);

      clock.ms = sent + 120_000;
      await kit.scheduler.runDue();
      const log = await kit.service.deliveries('acme', id, { limit: 10 });
      assert.deepEqual(
        log.map((a) => a.responseCode),
        [200, 429],
      );
      assert.equal(log[1]?.nextAttemptAt, new Date(sent + 120_000).toISOString());
    });

    it('signs with both secrets during a rotation, with the new one only after it', async () => {
      subscriber.answer = () => ({ status: 200 });
      const { id, secret: oldSecret } = await kit.service.subscribe({
        tenantId: 'acme',
        url: `${subscriber.url}/rotate`,
        events: ['segment.changed'],
      });
      const { secret: newSecret } = await kit.service.rotateSecret('acme', id);
      await kit.service.emit({ type: 'segment.changed', connectionId: 'c1', data: {} });
      await kit.scheduler.runDue();

      const during = subscriber.received.filter((r) => r.path === '/rotate').at(-1);
      assert.ok(during);
      assert.equal(during.headers['webhook-signature']?.split(' ').length, 2);
      verifyAsSubscriber(oldSecret, during);
      verifyAsSubscriber(newSecret, during);

      clock.advance(25 * HOUR);
      await kit.service.emit({ type: 'segment.changed', connectionId: 'c1', data: {} });
      await kit.scheduler.runDue();
      const later = subscriber.received.filter((r) => r.path === '/rotate').at(-1);
      assert.ok(later && later !== during);
      verifyAsSubscriber(newSecret, later);
      assert.throws(() => verifyAsSubscriber(oldSecret, later), /No matching signature/);
    });

    it('replay re-sends an event, or a time range, with the same id and body', async () => {
      subscriber.answer = () => ({ status: 200 });
      const { secret } = await kit.service.subscribe({
        tenantId: 'acme',
        url: `${subscriber.url}/replay`,
        events: ['sentiment.negative'],
      });
      const from = clock.now().toISOString();
      const { eventId } = await kit.service.emit({
        type: 'sentiment.negative',
        connectionId: 'c1',
        data: { records: [] },
      });
      await kit.scheduler.runDue();
      clock.advance(HOUR);

      assert.deepEqual(await kit.service.replay('acme', { eventId }), { requeued: 1 });
      assert.deepEqual(await kit.service.replay('other-tenant', { eventId }), { requeued: 0 });
      await kit.scheduler.runDue();
      const to = clock.now().toISOString();
      assert.equal((await kit.service.replay('acme', { from, to })).requeued >= 1, true);
      await kit.scheduler.runDue();

      const sends = subscriber.received.filter((r) => r.path === '/replay');
      assert.equal(sends.length, 3);
      assert.ok(sends.every((r) => r.headers['webhook-id'] === eventId));
      assert.equal(new Set(sends.map((r) => r.body)).size, 1);
      for (const send of sends) verifyAsSubscriber(secret, send);
    });
  });
}
