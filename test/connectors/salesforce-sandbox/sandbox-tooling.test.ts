import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';
import { connect, errorOf, type Connection } from './sandbox-client.js';

const SCORE_FIELD = {
  FullName: 'Contact.Crm_Ml_Churn_Score__c',
  Metadata: { type: 'Number', label: 'Churn score', precision: 5, scale: 0 },
};

describe('salesforce sandbox: Tooling API custom fields with @salesforce/core', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;

  before(async () => {
    sandbox = await startSalesforceSandbox({ customFieldLimit: 2 });
    conn = await connect(sandbox);
  });

  after(async () => {
    await sandbox.close();
  });

  it('creates a field that describe shows and writes accept; refuses a duplicate', async () => {
    const created = await conn.tooling.sobject('CustomField').create(SCORE_FIELD);
    assert.equal(created.success, true);
    assert.match(created.id, /^00N/);

    const found = await conn.tooling.query(
      "SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId = 'Contact'",
    );
    assert.deepEqual(
      found.records.map((row) => [row['Id'], row['DeveloperName']]),
      [[created.id, 'Crm_Ml_Churn_Score']],
    );

    const describe = await conn.sobject('Contact').describe();
    const field = describe.fields.find((entry) => entry.name === 'Crm_Ml_Churn_Score__c');
    assert.equal(field?.type, 'double');
    assert.equal(field?.custom, true);

    const id = sandbox.data.create('Contact', { LastName: 'Scored' });
    await conn.sobject('Contact').update({ Id: id, Crm_Ml_Churn_Score__c: 73 });
    assert.equal(sandbox.data.get(id)?.values['Crm_Ml_Churn_Score__c'], 73);

    const duplicate = await errorOf(conn.tooling.sobject('CustomField').create(SCORE_FIELD));
    assert.equal(duplicate.name, 'DUPLICATE_DEVELOPER_NAME');
  });

  it('enforces the per-object custom field allowance', async () => {
    await conn.tooling.sobject('CustomField').create({
      FullName: 'Contact.Crm_Ml_Churn_Risk__c',
      Metadata: { type: 'Text', label: 'Churn risk', length: 10 },
    });
    const refused = await errorOf(
      conn.tooling.sobject('CustomField').create({
        FullName: 'Contact.Crm_Ml_Drivers__c',
        Metadata: { type: 'LongTextArea', label: 'Drivers', length: 1000, visibleLines: 3 },
      }),
    );
    assert.equal(refused.name, 'LIMIT_EXCEEDED');
  });

  it('deletes a field: describe and queries no longer know it', async () => {
    const found = await conn.tooling.query(
      "SELECT Id FROM CustomField WHERE DeveloperName = 'Crm_Ml_Churn_Score'",
    );
    const id = String(found.records[0]?.['Id']);
    await conn.tooling.sobject('CustomField').destroy(id);

    const error = await errorOf(conn.query('SELECT Crm_Ml_Churn_Score__c FROM Contact'));
    assert.equal(error.name, 'INVALID_FIELD');
  });
});
