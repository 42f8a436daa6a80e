import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { RateLimitPacer } from '../../../connectors/hubspot/rate-limit-pacer.js';

/** A pacer on a fake clock that sleeping advances; `headers(remaining)` mimics HubSpot's. */
function fakePacer() {
  const clock = { t: 0 };
  const waits: number[] = [];
  // Concurrent sleepers wake at their own targets, as on a real clock.
  const sleep = async (ms: number): Promise<void> => {
    waits.push(ms);
    const target = clock.t + ms;
    await Promise.resolve();
    clock.t = Math.max(clock.t, target);
  };
  const pacer = new RateLimitPacer(sleep, () => clock.t);
  const headers = (remaining: number, max = 10): Record<string, string> => ({
    'x-hubspot-ratelimit-max': String(max),
    'x-hubspot-ratelimit-remaining': String(remaining),
    'x-hubspot-ratelimit-interval-milliseconds': '1000',
  });
  return { clock, waits, pacer, headers };
}

describe('RateLimitPacer', () => {
  it('waits only until its oldest call leaves the window, not a window from the last', async () => {
    const { clock, waits, pacer, headers } = fakePacer();
    // 9 calls (10 less the one reserved), 50 ms each: the first ended at 50, the last at 450.
    for (let call = 0; call < 9; call += 1) {
      await pacer.beforeCall(false);
      clock.t += 50;
      pacer.afterCall(headers(9 - call));
    }
    assert.deepEqual(waits, []);

    await pacer.beforeCall(false);
    assert.deepEqual(waits, [600]);
    assert.equal(clock.t, 1050);
  });

  it('holds concurrent calls beyond the window until earlier ones end and age out', async () => {
    const { clock, pacer, headers } = fakePacer();
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await pacer.beforeCall(false);
    pacer.afterCall(headers(3, 4));
    clock.t = 5000;

    const started: number[] = [];
    const calls = Array.from({ length: 5 }, async (_, i) => {
      await pacer.beforeCall(false);
      started.push(i);
    });
    await settle();
    // Capacity 3 (4 less the one reserved): the other two wait for a call to end.
    assert.deepEqual(started, [0, 1, 2]);

    // An ended call holds its place for one interval: one more goes at 6000, the last at 7000.
    pacer.afterCall(headers(1, 4));
    await settle();
    assert.deepEqual(started, [0, 1, 2, 3]);
    assert.equal(clock.t, 6000);
    pacer.afterCall(headers(1, 4));
    await Promise.all(calls);
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    assert.equal(clock.t, 7000);
  });

  it('counts calls other clients made, as the remaining count reports them', async () => {
    const { waits, pacer, headers } = fakePacer();
    await pacer.beforeCall(false);
    // Only 1 left of 10 after our single call: someone else used 8.
    pacer.afterCall(headers(1));
    await pacer.beforeCall(false);
    assert.deepEqual(waits, [1000]);
  });

  it('sends nothing before a Retry-After has passed', async () => {
    const { waits, pacer } = fakePacer();
    await pacer.beforeCall(false);
    pacer.afterCall();
    pacer.pauseFor(2000);
    await pacer.beforeCall(false);
    assert.deepEqual(waits, [2000]);
  });

  it('spaces search calls by HubSpot’s per-second search limit, with a margin', async () => {
    const { waits, pacer } = fakePacer();
    await pacer.beforeCall(true);
    pacer.afterCall();
    await pacer.beforeCall(true);
    assert.equal(waits.length, 1);
    assert.ok(Math.abs((waits[0] ?? 0) - 220) < 1e-9, `waited ${waits[0]}`);
  });
});
