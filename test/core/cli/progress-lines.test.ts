import assert from 'node:assert/strict';
import { setTimeout as wait } from 'node:timers/promises';
import { describe, it } from 'node:test';

import { createProgressLines } from '../../../core/cli/progress-lines.js';

describe('progress lines off a terminal', () => {
  it('writes the current stage every interval, and nothing once stopped', async () => {
    const lines: string[] = [];
    let clock = 0;
    const progress = createProgressLines({
      label: 'eval churn',
      everyMs: 20,
      write: (line) => lines.push(line),
      now: () => clock,
    });
    clock = 2_000;
    await wait(30);
    progress.update('train', 3, 21);
    clock = 65_000;
    await wait(30);
    progress.stop();
    const written = lines.length;
    await wait(50);

    assert.ok(lines.includes('eval churn: working, 2 s'), lines.join('\n'));
    assert.equal(lines.at(-1), 'eval churn: train 3/21 (14 %), 65 s');
    assert.equal(lines.length, written, 'no line after stop');
  });

  it('writes nothing for a command done within the first interval', async () => {
    const lines: string[] = [];
    const progress = createProgressLines({
      label: 'x',
      everyMs: 1_000,
      write: (line) => lines.push(line),
    });
    progress.update('read', 0, 0);
    progress.stop();
    await wait(10);
    assert.deepEqual(lines, []);
  });

  it('writes from updates too, when the event loop was held past the interval', () => {
    const lines: string[] = [];
    let clock = 0;
    const progress = createProgressLines({
      label: 'eval churn',
      everyMs: 5_000,
      write: (line) => lines.push(line),
      now: () => clock,
    });
    // No timer can fire between these updates: they run synchronously.
    for (const [at, done] of [
      [1_000, 1],
      [6_000, 2],
      [7_000, 3],
      [12_000, 4],
    ] as const) {
      clock = at;
      progress.update('train', done, 10);
    }
    progress.stop();
    assert.deepEqual(lines, [
      'eval churn: train 2/10 (20 %), 6 s',
      'eval churn: train 4/10 (40 %), 12 s',
    ]);
  });
});
