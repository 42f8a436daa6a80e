import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../bench/run-bench.ts', import.meta.url));

// Small and fast: 2,000 customers, the same 19 calls/s ceiling over a 1 s window (so waits for
// the window to empty take 1 s, not 10), a 1 s naive write-back baseline.
const ARGS = (
  '--customers 2000 --json --ceiling 19 --window-seconds 1 --naive-seconds 1 ' +
  '--baseline-records 200'
).split(' ');

function runBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...ARGS], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('scale bench (2,000 customers)', () => {
  let report: Record<string, unknown>;

  before(async () => {
    const { code, stdout, stderr } = await runBench();
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'one JSON object on stdout');
    report = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  });

  it('reports the headline figures as numbers', () => {
    for (const key of ['writeback_ceiling_fraction', 'score_records_per_s', 'peak_rss_mb']) {
      assert.equal(typeof report[key], 'number', key);
    }
  });

  it('reports both baselines beside ours as numeric ratios', () => {
    const baselines = report['baselines'] as Record<string, unknown>;
    for (const key of [
      'naive_writeback_records_per_s',
      'writeback_vs_naive_records_per_s',
      'per_record_score_records_per_s',
      'batched_vs_per_record_score',
    ]) {
      assert.equal(typeof baselines[key], 'number', key);
    }
  });

  it('runs every stage over every customer, losing no write to a 429', () => {
    const stages = report['stages'] as Record<string, Record<string, unknown>>;
    for (const stage of ['generate', 'sync', 'features', 'train', 'score', 'writeback']) {
      assert.equal(stages[stage]?.['records'] !== undefined, true, stage);
    }
    assert.equal(stages['sync']?.['records'], 2000);
    assert.equal(stages['writeback']?.['records'], 2000);
    assert.equal(stages['writeback']?.['lost_records'], 0);
    assert.equal(typeof stages['rescore']?.['steady_calls_fraction_of_full_run'], 'number');
    // Driven by webhooks, rescoring reads the changed customers and nothing else.
    const rescore = stages['rescore'];
    assert.equal(rescore?.['webhook_synced'], rescore?.['webhook_changed']);
    assert.equal(rescore?.['webhook_rescored'], rescore?.['webhook_changed']);
  });

  it('checks each target of the issue', () => {
    const targets = report['targets'] as Record<string, { met: unknown }>;
    for (const key of ['writeback_ceiling', 'score_throughput', 'peak_rss', 'rescore_calls']) {
      assert.equal(typeof targets[key]?.met, 'boolean', key);
    }
  });
});
