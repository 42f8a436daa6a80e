import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Command } from 'commander';

import { cliLogLevel } from '../../../core/cli/cli-log-level.js';

function levelFor(args: string[]): string {
  let level = '';
  const program = new Command().option('--verbose', '', false);
  program.hook('preAction', (root, action) => {
    level = cliLogLevel(root, action);
  });
  for (const name of ['run', 'serve', 'doctor']) program.command(name).action(() => undefined);
  program.parse(['node', 'crm-ml', ...args]);
  return level;
}

describe('CLI log level without LOG_LEVEL', () => {
  it('keeps one-shot commands free of log lines unless --verbose', () => {
    assert.equal(levelFor(['run']), 'silent');
    assert.equal(levelFor(['doctor']), 'silent');
    assert.equal(levelFor(['--verbose', 'run']), 'info');
  });

  it('lets services log warnings', () => {
    assert.equal(levelFor(['serve']), 'warn');
  });
});
