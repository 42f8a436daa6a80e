import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { openStore } from '../../../core/store/index.js';
import { parseSingleJson, runCli } from '../../helpers/run-cli.js';

describe('crm-ml status after env-configured runs on SQLite', () => {
  let home: string;

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'crm-ml-status-'));
    // What `crm-ml run` leaves behind: runs for its connection id, no connection row.
    const store = await openStore({ sqlitePath: join(home, 'crm-ml.sqlite') });
    const id = await store.runs.start({
      connectionId: 'hubspot-123',
      kind: 'pipeline',
      startedAt: '2026-12-01T10:00:00.000Z',
    });
    await store.runs.finish(id, {
      status: 'succeeded',
      summary: {},
      finishedAt: '2026-12-01T10:01:00.000Z',
    });
    await store.close();
  });

  after(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('lists the connection with its last run', async () => {
    const result = await runCli(['status', '--json'], {
      CRM_ML_HOME: home,
      REDIS_URL: '',
      DATABASE_URL: '',
    });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const { connections } = parseSingleJson(result.stdout) as {
      connections: Array<{ id: string; last_run: { status: string } | null }>;
    };
    assert.deepEqual(
      connections.map((c) => [c.id, c.last_run?.status]),
      [['hubspot-123', 'succeeded']],
    );
  });
});
