import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  buildOutboundMessage,
  seedFromCsv,
  startSalesforceSandbox,
  TELCO_SEED_PATH,
  toCustomFieldName,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';
import { connect } from './sandbox-client.js';

describe('salesforce sandbox: seeding and outbound messages', () => {
  let sandbox: SalesforceSandbox;

  before(async () => {
    sandbox = await startSalesforceSandbox();
  });

  after(async () => {
    await sandbox.close();
  });

  it('names custom fields from CSV columns', () => {
    assert.equal(toCustomFieldName('customerID'), 'Customer_Id__c');
    assert.equal(toCustomFieldName('MonthlyCharges'), 'Monthly_Charges__c');
    assert.equal(toCustomFieldName('Churn'), 'Churn__c');
  });

  it('seeds the 7,043 Telco customers as Contacts with typed custom fields', async () => {
    const ids = await seedFromCsv(sandbox, 'Contact', TELCO_SEED_PATH);
    assert.equal(ids.length, 7043);

    const conn = await connect(sandbox);
    const result = await conn.query(
      'SELECT LastName, Customer_Id__c, Monthly_Charges__c, Churn__c FROM Contact ' +
        "WHERE Customer_Id__c = '7590-VHVEG'",
    );
    assert.deepEqual(
      result.records.map(({ attributes: _a, ...row }) => row),
      [
        {
          LastName: '7590-VHVEG',
          Customer_Id__c: '7590-VHVEG',
          Monthly_Charges__c: 29.85,
          Churn__c: 'No',
        },
      ],
    );
    const churned = await conn.query("SELECT COUNT() FROM Contact WHERE Churn__c = 'Yes'");
    assert.equal(churned.totalSize, 1869);
  });

  it('builds an outbound message as Salesforce sends it, with the ack to return', () => {
    const id = sandbox.data.create('Contact', { LastName: "O'Brien & Co" });
    const record = sandbox.data.get(id);
    const message = buildOutboundMessage({
      orgId: sandbox.orgId,
      objectType: 'Contact',
      instanceUrl: sandbox.url,
      records: [
        {
          Id: id,
          LastName: "O'Brien & Co",
          SystemModstamp: record?.values['SystemModstamp'] ?? null,
        },
      ],
    });
    assert.match(
      message.body,
      /<notifications xmlns="http:\/\/soap.sforce.com\/2005\/09\/outbound">/,
    );
    assert.match(message.body, new RegExp(`<OrganizationId>${sandbox.orgId}</OrganizationId>`));
    assert.match(
      message.body,
      /<sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">/,
    );
    assert.match(message.body, /<sf:LastName>O&apos;Brien &amp; Co<\/sf:LastName>/);
    assert.match(message.body, /<sf:SystemModstamp>\d{4}-\d\d-\d\dT[\d:.]+Z<\/sf:SystemModstamp>/);
    assert.match(message.notificationIds[0] ?? '', /^04l/);
    assert.match(message.ackBody, /<Ack>true<\/Ack>/);
  });
});
