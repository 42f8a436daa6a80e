import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { parseSingleJson, runCli } from '../../helpers/run-cli.js';
import { LABELLED_TICKETS_CSV } from '../../plugins/tickets/ticket-fixture.js';

const base = ['eval', 'tickets', '--text', 'text', '--label', 'category', '--json'];

describe('crm-ml eval tickets', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'crm-ml-eval-tickets-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints held-out figures beside the baselines as one JSON object', async () => {
    const result = await runCli([...base, '--csv', LABELLED_TICKETS_CSV]);
    assert.equal(result.code, 0, result.stderr);
    const output = parseSingleJson(result.stdout);
    for (const key of ['accuracy', 'macro_f1', 'rows', 'train_rows', 'test_rows']) {
      assert.equal(typeof output[key], 'number', key);
    }
    const perClass = output['per_class'] as Record<string, { f1: number }>;
    assert.deepEqual(Object.keys(perClass), ['Access', 'Billing', 'Hardware']);
    const baselines = output['baselines'] as Record<string, { accuracy: number; macro_f1: number }>;
    assert.deepEqual(Object.keys(baselines), ['majority', 'naive_bayes']);
    assert.ok(Number(output['accuracy']) > (baselines['majority']?.accuracy ?? 1));
    assert.match(result.stderr, /skipped row \d+: no words in 'text'/);
  });

  it('holds out the share asked for', async () => {
    const result = await runCli([...base, '--csv', LABELLED_TICKETS_CSV, '--test-share', '0.5']);
    const output = parseSingleJson(result.stdout);
    assert.ok(Math.abs(Number(output['test_rows']) - 36.5) <= 1.5, String(output['test_rows']));
  });

  it('names a missing column, an empty file and a bad share as JSON errors', async () => {
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    const cases: [string[], RegExp][] = [
      [
        [
          'eval',
          'tickets',
          '--csv',
          LABELLED_TICKETS_CSV,
          '--text',
          'body',
          '--label',
          'category',
          '--json',
        ],
        /body/,
      ],
      [[...base, '--csv', empty], /.+/],
      [[...base, '--csv', LABELLED_TICKETS_CSV, '--test-share', '2'], /--test-share/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      assert.equal(result.code, 1, args.join(' '));
      const error = parseSingleJson(result.stdout)['error'] as { code: string; message: string };
      assert.match(error.code, /^[a-z]+(_[a-z]+)*$/);
      assert.match(error.message, message);
    }
  });
});
