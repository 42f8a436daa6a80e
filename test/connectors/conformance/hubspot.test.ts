import { createHubSpotConnector, hubspotDescriptor } from '../../../connectors/hubspot/index.js';
import {
  startHubSpotSandbox,
  type HubSpotSandboxOptions,
} from '../../../connectors/hubspot/sandbox/index.js';
import { instantSleep, runConnectorConformance } from '../../../connectors/testkit/index.js';
import type { FaultyCrm } from '../../../connectors/testkit/index.js';
import { NO_LIMITS } from '../hubspot/hubspot-test-kit.js';

const OAUTH = { clientId: 'kit-app', clientSecret: 'kit-secret', refreshToken: 'kit-refresh' };

/** The HubSpot sandbox behind a connector with OAuth (so it can refresh) and instant sleeps. */
async function fakeHubSpot(options: HubSpotSandboxOptions = {}): Promise<FaultyCrm> {
  const sandbox = await startHubSpotSandbox({
    accessToken: 'kit',
    oauth: OAUTH,
    ...NO_LIMITS,
    ...options,
  });
  const connector = createHubSpotConnector({
    accessToken: 'kit',
    basePath: sandbox.url,
    oauth: OAUTH,
    // Injected hangs last 300 ms; the connector gives up on a call after 150 and retries.
    requestTimeoutMs: 150,
    sleep: instantSleep().sleep,
  });
  const { data } = sandbox;
  return {
    connector,
    seed: async (records) => records.map((record) => data.create('contacts', record)),
    seedSharingTimestamp: async (records, at) =>
      data.createMany('contacts', records, { timestamp: at }),
    update: async (id, values, at) =>
      data.update('contacts', id, values, at === undefined ? {} : { timestamp: at }),
    remove: async (id) => data.archive('contacts', id),
    expireToken: async () => sandbox.expireToken(),
    failWritesFor: async (ids) => data.failWritesFor('contacts', ids),
    absentId: '987654321',
    invalidNumber: 'not-a-number',
    faultsInjected: () => sandbox.stats.faultsInjected,
    close: () => sandbox.close(),
  };
}

runConnectorConformance({
  name: 'hubspot',
  objectType: 'contacts',
  start: () => fakeHubSpot(),
  startWithFaults: (rate) => fakeHubSpot({ faults: rate, faultSeed: 7, hangMs: 300 }),
  // Full sync lists 100 a page; incremental sync searches 200 a page.
  incrementalPageSize: hubspotDescriptor.searchPageSize,
  // HubSpot stores no empty strings: '' and null both unset a property.
  blankValues: 'merged',
});
