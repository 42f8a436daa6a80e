// First: keeps @salesforce/core's key, alias and log files out of the real home.
import { sandboxConnector } from '../salesforce/salesforce-test-kit.js';

import { toApiName } from '../../../connectors/salesforce/index.js';
import { makeRecordId } from '../../../connectors/salesforce/sandbox/record-id.js';
import {
  startSalesforceSandbox,
  type SalesforceSandboxOptions,
} from '../../../connectors/salesforce/sandbox/index.js';
import { runConnectorConformance } from '../../../connectors/testkit/index.js';
import type { FaultyCrm, SeedRecord } from '../../../connectors/testkit/index.js';

const OAUTH = { clientId: 'kit-app', clientSecret: 'kit-secret', refreshToken: 'kit-refresh' };
// A small query batch keeps page-boundary checks to a few hundred records.
const PAGE_SIZE = 50;

/** The kit's field names as Salesforce custom fields, on a Contact (which needs a LastName). */
function toContact(record: SeedRecord): Record<string, string | null> {
  const values: Record<string, string | null> = { LastName: 'Kit' };
  for (const [name, value] of Object.entries(record)) values[toApiName(name)] = value;
  return values;
}

/**
 * The Salesforce sandbox behind a connector that can refresh its token, with instant sleeps.
 * Only fault runs get the short timeout: on a loaded machine an ordinary answer (a token
 * refresh too) can take longer than the 150 ms that cut injected hangs short.
 */
async function fakeSalesforce(
  options: SalesforceSandboxOptions = {},
  requestTimeoutMs = 10_000,
): Promise<FaultyCrm> {
  const sandbox = await startSalesforceSandbox({
    oauth: OAUTH,
    queryBatchSize: PAGE_SIZE,
    dailyApiLimit: 1_000_000,
    ...options,
  });
  const { connector } = sandboxConnector(sandbox, {
    refresh: { ...OAUTH, loginUrl: sandbox.url },
    requestTimeoutMs,
  });
  const { data } = sandbox;
  return {
    connector,
    seed: async (records) => records.map((record) => data.create('Contact', toContact(record))),
    seedSharingTimestamp: async (records, at) =>
      data.createMany('Contact', records.map(toContact), { timestamp: at }),
    update: async (id, values, at) =>
      data.update(id, toContact(values), at === undefined ? {} : { timestamp: at }),
    remove: async (id) => data.delete(id),
    expireToken: async () => sandbox.expireToken(),
    // A validation error: Salesforce reports it per record and a retry cannot fix it.
    failWritesFor: async (ids) => data.failWritesFor(ids, 'FIELD_CUSTOM_VALIDATION_EXCEPTION'),
    absentId: makeRecordId('003', 987_654),
    invalidNumber: 'not-a-number',
    faultsInjected: () => sandbox.stats.faultsInjected,
    close: () => sandbox.close(),
  };
}

runConnectorConformance({
  name: 'salesforce',
  objectType: 'contacts',
  start: () => fakeSalesforce(),
  // Injected hangs last 300 ms; the connector gives up on a call after 150 and retries.
  startWithFaults: (rate) => fakeSalesforce({ faults: rate, faultSeed: 7, hangMs: 300 }, 150),
  pageSize: PAGE_SIZE,
  // Salesforce stores no empty strings: a written '' unsets the field.
  blankValues: 'merged',
});
