import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';

import pino from 'pino';

import { RepeatedErrors } from '../../../core/logging/repeated-errors.js';

/** A pino logger writing its lines to an array. */
function capturingLogger(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'error' }, sink), lines };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), {
  code: 'ECONNREFUSED',
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RepeatedErrors', () => {
  it('logs a repeated error once per period, with how many were left out', async () => {
    const { logger, lines } = capturingLogger();
    const repeated = new RepeatedErrors(logger, 50);

    for (let i = 0; i < 20; i++) repeated.error('sync', refused, { queue: 'sync' }, 'queue error');
    await sleep(60);
    repeated.error('sync', refused, { queue: 'sync' }, 'queue error');
    await sleep(10);

    assert.equal(lines.length, 2);
    assert.equal(lines[0]?.['repeatedSinceLast'], undefined);
    assert.equal(lines[1]?.['repeatedSinceLast'], 19);
    assert.equal(lines[1]?.['queue'], 'sync');
  });

  it('logs each source and each kind of error apart', async () => {
    const { logger, lines } = capturingLogger();
    const repeated = new RepeatedErrors(logger, 60_000);

    repeated.error('sync', refused, {}, 'queue error');
    repeated.error('score', refused, {}, 'queue error');
    repeated.error('sync', new Error('READONLY You cannot write against a replica'), {}, 'x');
    repeated.error('sync', refused, {}, 'queue error');
    await sleep(10);

    assert.equal(lines.length, 3);
  });
});
