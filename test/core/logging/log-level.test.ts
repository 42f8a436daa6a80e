import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { chooseLogLevel, LOG_LEVELS } from '../../../core/logging/log-level.js';

const run = promisify(execFile);
const LOGGER = fileURLToPath(new URL('../../../core/logging/logger.ts', import.meta.url));

test('a known LOG_LEVEL is used, in any case and with stray spaces', () => {
  assert.deepEqual(chooseLogLevel('debug', 'info'), { level: 'debug', warning: null });
  assert.deepEqual(chooseLogLevel(' WARN ', 'info'), { level: 'warn', warning: null });
  assert.deepEqual(chooseLogLevel(undefined, 'silent'), { level: 'silent', warning: null });
  assert.deepEqual(LOG_LEVELS, ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);
});

test('an unknown LOG_LEVEL falls back to the default with one warning naming the levels', () => {
  const chosen = chooseLogLevel('loud', 'info');

  assert.equal(chosen.level, 'info');
  assert.match(chosen.warning ?? '', /\[config_invalid\]: LOG_LEVEL 'loud' is not a log level/);
  assert.match(chosen.warning ?? '', /one of trace, debug, info, warn, error, fatal, silent/);
});

test('LOG_LEVEL=loud no longer crashes the logger at import', async () => {
  const script = `const { rootLogger } = await import(${JSON.stringify(LOGGER)});
    process.stdout.write(rootLogger.level);`;
  const { stdout, stderr } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { env: { ...process.env, LOG_LEVEL: 'loud', NODE_TEST_CONTEXT: '' } },
  );

  assert.equal(stdout, 'info');
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, /LOG_LEVEL 'loud' is not a log level/);
});
