import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Before anything loads @salesforce/core: keep its key, alias and log files out of the real
// home, and its log file off.
const home = mkdtempSync(path.join(os.tmpdir(), 'crm-ml-sf-test-'));
process.env['HOME'] = home;
process.env['CRM_ML_HOME'] = home;
process.env['SF_DISABLE_LOG_FILE'] = 'true';

import type { SyncPage } from '../../../connectors/connector.js';
import type { ObjectType } from '../../../core/records/crm-record.js';
import {
  createSalesforceConnector,
  type SalesforceConnector,
  type SalesforceConnectorOptions,
} from '../../../connectors/salesforce/index.js';
import {
  seedFromCsv,
  TELCO_SEED_PATH,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';

export const TEST_HOME = home;

/** A sleep that records waits and returns at once, so retries cost no real time. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

/** A connector on the sandbox's starting token, with instant sleeps. */
export function sandboxConnector(
  sandbox: SalesforceSandbox,
  overrides: Partial<SalesforceConnectorOptions> = {},
): { connector: SalesforceConnector; waits: number[] } {
  const { sleep, waits } = recordingSleep();
  const connector = createSalesforceConnector({
    instanceUrl: sandbox.url,
    accessToken: sandbox.accessToken,
    requestTimeoutMs: 10_000,
    sleep,
    ...overrides,
  });
  return { connector, waits };
}

/** Every page of one read, and the cursor it ended on. */
export async function readAll(
  connector: SalesforceConnector,
  objectType: ObjectType,
  cursor: string | null,
  properties?: readonly string[],
): Promise<{ pages: SyncPage[]; cursor: string | null }> {
  const pages: SyncPage[] = [];
  const options = properties === undefined ? {} : { properties };
  for await (const page of connector.read(objectType, cursor, options)) pages.push(page);
  return { pages, cursor: pages.at(-1)?.cursor ?? cursor };
}

export function recordIds(pages: readonly SyncPage[]): string[] {
  return pages.flatMap((page) => page.records.map((record) => record.id));
}

/** The 7,043 Telco customers as Contacts, seeded by the sandbox (columns → custom fields). */
export function seedTelcoContacts(sandbox: SalesforceSandbox, at?: Date): Promise<string[]> {
  return seedFromCsv(
    sandbox,
    'Contact',
    TELCO_SEED_PATH,
    at === undefined ? {} : { timestamp: at },
  );
}
