import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ensureDirectory } from '../../../core/store/ensure-directory.js';

let directory = '';
before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'crm-ml-home-'));
});
after(async () => {
  await rm(directory, { recursive: true, force: true });
});

test('missing levels of a home directory are created, and an existing one is kept', async () => {
  const home = join(directory, 'a', 'b', 'c');
  ensureDirectory(home);
  ensureDirectory(home);

  assert.ok((await stat(home)).isDirectory());
});

test('a home under /proc fails at once instead of looping in mkdir', () => {
  const started = Date.now();

  assert.throws(
    () => ensureDirectory('/proc/crm-ml-nope/home'),
    (error: Error) => {
      assert.equal((error as { code?: string }).code, 'store_open_failed');
      assert.match(error.message, /\/proc\/crm-ml-nope\/home .*cannot be created or written/);
      assert.match(error.message, /CRM_ML_HOME must name a writable directory/);
      return true;
    },
  );
  assert.ok(Date.now() - started < 1_000);
});

test('a home whose parent is a file names that file', async () => {
  const file = join(directory, 'plain-file');
  await writeFile(file, 'x');

  assert.throws(() => ensureDirectory(join(file, 'home')), {
    code: 'store_open_failed',
    message: new RegExp(`${file} is not a directory`),
  });
});
