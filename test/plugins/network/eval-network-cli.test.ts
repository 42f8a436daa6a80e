import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseSingleJson, runCli } from '../../helpers/run-cli.js';
import { fixturePath } from './network-fixture.js';

describe('crm-ml eval network', () => {
  it('recovers the two groups beside the baselines, as one JSON object', async () => {
    const cli = await runCli([
      'eval',
      'network',
      '--edges',
      fixturePath('two-cliques-bridge.txt'),
      '--labels',
      fixturePath('two-cliques-bridge-labels.txt'),
      '--json',
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    const result = parseSingleJson(cli.stdout);
    assert.equal(result['nodes'], 11);
    assert.equal(result['edges'], 26);
    assert.equal(result['label_groups'], 2);
    const louvain = result['louvain'] as Record<string, number>;
    assert.equal(louvain['communities'], 2);
    assert.ok(Math.abs((louvain['nmi'] as number) - 1) < 1e-9, String(louvain['nmi']));
    assert.ok(Math.abs((louvain['ari'] as number) - 1) < 1e-9, String(louvain['ari']));
    const baselines = result['baselines'] as { name: string; nmi: number }[];
    assert.deepEqual(
      baselines.map((b) => b.name),
      ['label_propagation', 'connected_components', 'random_same_sizes'],
    );
    const components = baselines.find((b) => b.name === 'connected_components');
    assert.equal(components?.nmi, 0, 'one component says nothing about the groups');
    assert.equal((result['top_influence'] as { node: string }[])[0]?.node, 'x');
  });
});
