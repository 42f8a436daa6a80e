import './quiet-logs.js';

import {
  defineSeedColumns,
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../connectors/hubspot/sandbox/index.js';
import { SeededRandom } from '../../core/ml/random.js';
import { fitCustomerModel } from '../../core/synthetic/fit-customer-model.js';
import { sampleCustomers } from '../../core/synthetic/sample-customers.js';
import type {
  ChangeResult,
  SandboxCounters,
  SandboxMemory,
  SandboxReply,
  SandboxRequest,
  SandboxSettings,
  SeedResult,
} from './sandbox-protocol.js';
import { readTelcoSource } from './telco-source.js';

// The sandbox runs in its own process so the bench's peak RSS is crm-ml's alone: a million
// fake CRM records (about 1 KB each in Maps) would otherwise dominate the figure.

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '{}') as SandboxSettings;
  const sandbox = await startHubSpotSandbox({
    accessToken: settings.accessToken,
    rateLimit: settings.rateLimit,
    searchPerSecond: settings.searchPerSecond,
    dailyLimit: settings.dailyLimit,
  });

  process.on('message', (message: SandboxRequest) => {
    answer(sandbox, settings, message)
      .then((result): SandboxReply => ({ id: message.id, ok: true, result }))
      .catch((error: unknown): SandboxReply => ({
        id: message.id,
        ok: false,
        error: String(error),
      }))
      .then((reply) => process.send?.(reply));
  });
  process.on('disconnect', () => {
    void sandbox.close().finally(() => process.exit(0));
  });
  process.send?.({ ready: true, url: sandbox.url });
}

async function answer(
  sandbox: HubSpotSandbox,
  settings: SandboxSettings,
  request: SandboxRequest,
): Promise<unknown> {
  switch (request.op) {
    case 'seed':
      return seed(sandbox, settings, request.count, request.seed, request.chunkSize);
    case 'change':
      return change(sandbox, request.fraction, request.seed);
    case 'stats':
      return counters(sandbox);
    case 'memory':
      return memory();
  }
}

async function seed(
  sandbox: HubSpotSandbox,
  settings: SandboxSettings,
  count: number,
  seedValue: number,
  chunkSize: number,
): Promise<SeedResult> {
  const started = performance.now();
  const source = await readTelcoSource(settings.csvPath);
  const sourceRows = [...source.churned, ...source.retained];
  // Generated rows reuse source values or numbers, so the source decides the types.
  defineSeedColumns(sandbox.data, 'contacts', source.names, sourceRows);

  // Customers come from crm-ml synth's generator (marginals + Gaussian copula) learned on the
  // Telco rows, so none copies a real customer; chunks keep generation streaming.
  const columns = source.names.map(({ column }) => column);
  const model = fitCustomerModel(columns, sourceRows, { seed: seedValue });
  // One shared creation time, as a CRM import would stamp.
  const timestamp = sandbox.data.now();
  let churned = 0;
  for (const chunk of sampleCustomers(model, count, { seed: seedValue, chunkSize })) {
    const customers = chunk.map((row) =>
      Object.fromEntries(source.names.map(({ column, name }) => [name, row[column] || null])),
    );
    churned += customers.filter((row) => row['churn'] === 'Yes').length;
    sandbox.data.createMany('contacts', customers, { timestamp });
  }
  return { created: count, churned, seconds: (performance.now() - started) / 1000 };
}

/** A price rise for a random `fraction` of customers: tenure +1 month, charges +5 %. */
function change(sandbox: HubSpotSandbox, fraction: number, seedValue: number): ChangeResult {
  const live = sandbox.data.count('contacts');
  const target = Math.round(live * fraction);
  const random = new SeededRandom(seedValue);
  const ids = new Set<string>();
  while (ids.size < target) ids.add(String(1 + random.nextInt(live)));

  for (const id of ids) {
    const properties = sandbox.data.get('contacts', id)?.properties ?? {};
    const tenure = Number(properties['tenure'] ?? 0) + 1;
    const monthly = Number(properties['monthly_charges'] ?? 0) * 1.05;
    sandbox.data.update('contacts', id, {
      tenure: String(tenure),
      monthly_charges: monthly.toFixed(2),
      total_charges: (Number(properties['total_charges'] ?? 0) + monthly).toFixed(2),
    });
  }
  return { changed: ids.size, ids: [...ids] };
}

function counters(sandbox: HubSpotSandbox): SandboxCounters {
  const { requests, rateLimited, writes, byRoute } = sandbox.stats;
  return { requests, rateLimited, writes, byRoute: { ...byRoute } };
}

function memory(): SandboxMemory {
  return {
    rssMb: process.memoryUsage.rss() / MB,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
  };
}

void main();
