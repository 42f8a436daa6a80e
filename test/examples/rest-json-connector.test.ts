import { createRestJsonConnector } from '../../examples/rest-json-connector/rest-json-connector.js';
import { startFakeRestCrm } from '../../examples/rest-json-connector/fake-rest-crm.js';
import { instantSleep, runConnectorConformance } from '../../connectors/testkit/index.js';
import type { FaultyCrm } from '../../connectors/testkit/index.js';

/** The example's fake CRM behind the example connector, with instant backoff sleeps. */
async function fakeCrm(faultRate = 0): Promise<FaultyCrm> {
  const crm = await startFakeRestCrm({ faultRate, hangMs: 300 });
  const connector = createRestJsonConnector({
    baseUrl: crm.url,
    token: crm.token(),
    timeoutMs: 150,
    sleep: instantSleep().sleep,
  });
  return {
    connector,
    seed: async (records) => records.map((record) => crm.data.create(record)),
    seedSharingTimestamp: async (records, at) =>
      records.map((record) => crm.data.create(record, at)),
    update: async (id, values, at) => crm.data.update(id, values, at),
    remove: async (id) => crm.data.remove(id),
    expireToken: async () => crm.expireToken(),
    failWritesFor: async (ids) => ids.forEach((id) => crm.data.failingIds.add(id)),
    absentId: 'rec-999999',
    faultsInjected: () => crm.faultsInjected(),
    close: () => crm.close(),
  };
}

runConnectorConformance({
  name: 'rest-json (example)',
  objectType: 'contacts',
  start: () => fakeCrm(),
  startWithFaults: (rate) => fakeCrm(rate),
});
