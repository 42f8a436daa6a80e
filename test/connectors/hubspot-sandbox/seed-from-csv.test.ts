import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  seedFromCsv,
  startHubSpotSandbox,
  TELCO_SEED_PATH,
  toPropertyName,
} from '../../../connectors/hubspot/sandbox/index.js';
import { clientFor } from './sandbox-client.js';

describe('hubspot sandbox: seeding', () => {
  it('turns CSV headers into HubSpot property names', () => {
    assert.equal(toPropertyName('MonthlyCharges'), 'monthly_charges');
    assert.equal(toPropertyName('customerID'), 'customer_id');
    assert.equal(toPropertyName('SeniorCitizen'), 'senior_citizen');
    assert.equal(toPropertyName('tenure'), 'tenure');
    assert.equal(toPropertyName('StreamingTV'), 'streaming_tv');
    assert.equal(toPropertyName('2nd Line'), 'p_2nd_line');
  });

  it('seeds 7,043 Telco contacts with typed properties', async () => {
    const sandbox = await startHubSpotSandbox();
    try {
      const timestamp = new Date('2024-05-01T00:00:00.000Z');
      const ids = await seedFromCsv(sandbox, 'contacts', TELCO_SEED_PATH, { timestamp });
      assert.equal(ids.length, 7043);
      assert.equal(sandbox.data.count('contacts'), 7043);

      const types = new Map(sandbox.data.listProperties('contacts').map((p) => [p.name, p]));
      assert.equal(types.get('monthly_charges')?.type, 'number');
      assert.equal(types.get('total_charges')?.type, 'number');
      assert.equal(types.get('churn')?.type, 'string');
      assert.equal(types.get('churn')?.groupName, 'contactinformation');

      const first = await clientFor(sandbox).crm.contacts.basicApi.getById(ids[0] ?? '', [
        'customer_id',
        'monthly_charges',
        'churn',
      ]);
      assert.equal(first.properties['customer_id'], '7590-VHVEG');
      assert.equal(first.properties['monthly_charges'], '29.85');
      assert.equal(first.properties['churn'], 'No');
      assert.equal(first.properties['lastmodifieddate'], timestamp.toISOString());
    } finally {
      await sandbox.close();
    }
  });
});
