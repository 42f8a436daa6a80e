import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('./fixtures/broken-rest-json-kit.ts', import.meta.url));

describe('the conformance kit', () => {
  it('fails a connector whose empty full sync has no cursor or whose absent write is retryable', () => {
    // Without NODE_TEST_CONTEXT the child runs its tests itself instead of reporting to us.
    const env = { ...process.env };
    delete env['NODE_TEST_CONTEXT'];
    const run = spawnSync(process.execPath, ['--import', 'tsx', FIXTURE], {
      encoding: 'utf8',
      env,
    });
    const failed = run.stdout
      .split('\n')
      .filter((line) => /^\s*not ok \d+ - [a-z-]+:/.test(line))
      .map((line) => /not ok \d+ - ([a-z-]+):/.exec(line)?.[1]);

    assert.ok(failed.includes('page-empty'), `failed checks: ${failed.join(', ')}`);
    assert.ok(failed.includes('absent-record-write'), `failed checks: ${failed.join(', ')}`);
    assert.match(run.stdout, /must yield a cursor/);
    assert.match(run.stdout, /must fail non-retryable/);
  });
});
