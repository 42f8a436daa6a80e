import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { CrmRecord, ObjectType } from '../../../core/records/crm-record.js';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';
import { readAll, sandboxConnector } from './salesforce-test-kit.js';

// West of UTC, so a date parsed as local midnight or a datetime printed locally would shift.
process.env['TZ'] = 'America/Los_Angeles';

const AT = new Date('2024-03-01T00:00:00Z');

interface Seeded {
  account: string;
  contact: string;
  lead: string;
  opportunity: string;
  lineItem: string;
  supportCase: string;
  task: string;
  event: string;
}

/** One record of every standard object crm-ml reads by default, linked the usual way. */
function seedOrg(sandbox: SalesforceSandbox): Seeded {
  const data = sandbox.data;
  const at = { timestamp: AT };
  const account = data.create(
    'Account',
    {
      Name: 'Acme Ltd',
      Industry: 'Telecom',
      AnnualRevenue: 1_250_000.5,
      BillingStreet: '1 Main St',
      BillingCity: 'Dublin',
      BillingCountry: 'Ireland',
      BillingLatitude: 53.349805,
      BillingLongitude: -6.26031,
    },
    at,
  );
  const contact = data.create(
    'Contact',
    { AccountId: account, LastName: 'Byrne', Birthdate: '1990-01-01', LeadSource: 'Web' },
    at,
  );
  const lead = data.create(
    'Lead',
    {
      LastName: 'Ng',
      Company: 'Initech',
      Status: 'Working - Contacted',
      Rating: 'Hot',
      AnnualRevenue: 99.99,
      City: 'Cork',
      Description: 'to be cleared',
    },
    at,
  );
  const opportunity = data.create(
    'Opportunity',
    {
      AccountId: account,
      Name: 'Acme renewal',
      StageName: 'Closed Won',
      Amount: 4200.25,
      CloseDate: '2024-12-31',
    },
    at,
  );
  const lineItem = data.create(
    'OpportunityLineItem',
    { OpportunityId: opportunity, Quantity: 3, UnitPrice: 19.99, ServiceDate: '2024-01-01' },
    at,
  );
  const supportCase = data.create(
    'Case',
    {
      AccountId: account,
      ContactId: contact,
      Subject: 'Router down',
      Status: 'Closed',
      Priority: 'High',
      ClosedDate: new Date('2024-02-29T23:30:00Z'),
    },
    at,
  );
  const task = data.create(
    'Task',
    {
      WhoId: contact,
      WhatId: account,
      Subject: 'Call back',
      Status: 'Completed',
      Priority: 'High',
    },
    at,
  );
  const event = data.create(
    'Event',
    {
      WhoId: lead,
      WhatId: opportunity,
      Subject: 'Demo',
      StartDateTime: new Date('2024-03-31T23:00:00Z'),
      EndDateTime: new Date('2024-04-01T00:00:00Z'),
      ActivityDate: '2024-03-31',
      DurationInMinutes: 60,
    },
    at,
  );
  return { account, contact, lead, opportunity, lineItem, supportCase, task, event };
}

async function readOne(
  sandbox: SalesforceSandbox,
  objectType: ObjectType,
  properties?: readonly string[],
): Promise<CrmRecord> {
  const { connector } = sandboxConnector(sandbox);
  const { pages } = await readAll(connector, objectType, null, properties);
  const records = pages.flatMap((page) => page.records);
  assert.equal(records.length, 1, `one ${objectType} record`);
  assert.deepEqual(
    pages.flatMap((page) => page.problems ?? []),
    [],
  );
  const [record] = records;
  assert.ok(record !== undefined);
  assert.equal(record.objectType, objectType);
  return record;
}

describe('Salesforce connector: standard objects', () => {
  it('maps every default object type to its sObject, Lead and Event included', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const { connector } = sandboxConnector(sandbox);
      for (const type of ['contacts', 'leads', 'companies', 'deals', 'line_items'] as const) {
        assert.ok(connector.descriptor.objectTypes.includes(type), type);
      }
      for (const type of ['tickets', 'calls', 'meetings'] as const) {
        assert.ok(connector.descriptor.objectTypes.includes(type), type);
      }
    } finally {
      await sandbox.close();
    }
  });

  it('reads Account with its address, geolocation, picklist and currency', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const ids = seedOrg(sandbox);
      const account = await readOne(sandbox, 'companies');
      assert.equal(account.id, ids.account);
      assert.equal(account.properties['Industry'], 'Telecom');
      assert.equal(account.properties['AnnualRevenue'], 1_250_000.5);
      assert.equal(account.properties['BillingCity'], 'Dublin');
      assert.equal(account.properties['BillingLatitude'], 53.349805);
      assert.equal(account.properties['BillingLongitude'], -6.26031);
      // The compound itself is skipped on a full read: its parts are already there.
      assert.equal('BillingAddress' in account.properties, false);
      assert.equal(account.properties['BillingState'], null);
      assert.equal(account.updatedAt, '2024-03-01T00:00:00.000Z');

      // Asked for by name, the compound address comes flattened, geolocation included.
      const named = await readOne(sandbox, 'companies', ['BillingAddress', 'Name']);
      assert.equal(named.properties['BillingAddress.city'], 'Dublin');
      assert.equal(named.properties['BillingAddress.latitude'], 53.349805);
      assert.equal(named.properties['BillingAddress.longitude'], -6.26031);
      assert.equal(named.properties['BillingAddress.state'], null);
    } finally {
      await sandbox.close();
    }
  });

  it('reads Contact and Lead: dates unshifted, picklists, currency, null never empty', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const ids = seedOrg(sandbox);
      const contact = await readOne(sandbox, 'contacts');
      assert.equal(contact.properties['Birthdate'], '1990-01-01');
      assert.equal(contact.properties['LeadSource'], 'Web');
      assert.deepEqual(contact.associations?.companies, [ids.account]);

      // An empty string written over the wire clears the field.
      const { connector } = sandboxConnector(sandbox);
      const outcomes = await connector.write('leads', [
        { recordId: ids.lead, values: { Description: '' } },
      ]);
      assert.deepEqual(outcomes, [{ recordId: ids.lead, ok: true }]);

      const lead = await readOne(sandbox, 'leads');
      assert.equal(lead.id, ids.lead);
      assert.equal(lead.properties['Status'], 'Working - Contacted');
      assert.equal(lead.properties['Rating'], 'Hot');
      assert.equal(lead.properties['AnnualRevenue'], 99.99);
      assert.equal(lead.properties['City'], 'Cork');
      assert.equal(lead.properties['Name'], 'Ng');
      assert.equal(lead.properties['IsConverted'], false);
      // Salesforce stores no empty strings: '' written is null read, and unset is null too.
      assert.equal(lead.properties['Description'], null);
      assert.equal(lead.properties['Email'], null);
    } finally {
      await sandbox.close();
    }
  });

  it('reads Opportunity and its line items with currency, dates and links', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const ids = seedOrg(sandbox);
      const deal = await readOne(sandbox, 'deals');
      assert.equal(deal.properties['Amount'], 4200.25);
      assert.equal(deal.properties['CloseDate'], '2024-12-31');
      assert.equal(deal.properties['StageName'], 'Closed Won');
      assert.equal(deal.properties['IsWon'], true);
      assert.deepEqual(deal.associations?.companies, [ids.account]);

      const line = await readOne(sandbox, 'line_items');
      assert.equal(line.properties['Quantity'], 3);
      assert.equal(line.properties['UnitPrice'], 19.99);
      assert.ok(Math.abs(Number(line.properties['TotalPrice']) - 59.97) < 1e-9);
      assert.equal(line.properties['ServiceDate'], '2024-01-01');
      assert.deepEqual(line.associations?.deals, [ids.opportunity]);
    } finally {
      await sandbox.close();
    }
  });

  it('reads Case, Task and Event: datetimes in UTC, polymorphic links resolved', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const ids = seedOrg(sandbox);
      const ticket = await readOne(sandbox, 'tickets');
      assert.equal(ticket.properties['ClosedDate'], '2024-02-29T23:30:00.000Z');
      assert.equal(ticket.properties['Priority'], 'High');
      assert.deepEqual(ticket.associations?.contacts, [ids.contact]);
      assert.deepEqual(ticket.associations?.companies, [ids.account]);

      const task = await readOne(sandbox, 'calls');
      assert.equal(task.id, ids.task);
      assert.equal(task.properties['ActivityDate'], null);
      assert.deepEqual(task.associations?.contacts, [ids.contact]);

      const meeting = await readOne(sandbox, 'meetings');
      assert.equal(meeting.id, ids.event);
      assert.equal(meeting.properties['StartDateTime'], '2024-03-31T23:00:00.000Z');
      assert.equal(meeting.properties['EndDateTime'], '2024-04-01T00:00:00.000Z');
      assert.equal(meeting.properties['ActivityDate'], '2024-03-31');
      assert.equal(meeting.properties['DurationInMinutes'], 60);
      assert.equal(meeting.properties['IsAllDayEvent'], false);
      // WhoId names a Lead (00Q…), WhatId an Opportunity (006…): resolved by key prefix.
      assert.deepEqual(meeting.associations?.leads, [ids.lead]);
      assert.deepEqual(meeting.associations?.deals, [ids.opportunity]);
    } finally {
      await sandbox.close();
    }
  });
});

describe('Salesforce connector: malformed records', () => {
  it('names the record and field of a bad value and of an unreadable record, keeps the page', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const ids = sandbox.data.createMany(
        'Contact',
        Array.from({ length: 5 }, (_row, index) => ({
          LastName: `m${index}`,
          Birthdate: '2000-02-02',
        })),
        { timestamp: AT },
      );
      const [first, second, third] = ids;
      assert.ok(first !== undefined && second !== undefined && third !== undefined);
      sandbox.data.malformWire(first, { Birthdate: 'yesterday', HasOptedOutOfEmail: 'no' });
      sandbox.data.malformWire(second, { SystemModstamp: undefined });
      sandbox.data.malformWire(third, { Title: ['a', 'b'] });

      const { connector } = sandboxConnector(sandbox);
      const { pages } = await readAll(connector, 'contacts', null);
      const records = pages.flatMap((page) => page.records);
      const problems = pages.flatMap((page) => page.problems ?? []);

      assert.deepEqual(
        records.map((record) => record.id).sort(),
        ids.filter((id) => id !== second).sort(),
      );
      const bad = records.find((record) => record.id === first);
      assert.equal(bad?.properties['LastName'], 'm0');
      assert.equal('Birthdate' in (bad?.properties ?? {}), false);
      assert.equal(
        records.find((record) => record.id === ids[3])?.properties['Birthdate'],
        '2000-02-02',
      );

      const paths = problems.map((problem) => problem.path).sort();
      assert.deepEqual(
        paths,
        [
          `Contact ${first}.Birthdate`,
          `Contact ${first}.HasOptedOutOfEmail`,
          `Contact ${second}.SystemModstamp`,
          `Contact ${third}.Title`,
        ].sort(),
      );
      const skipped = problems.find((problem) => problem.path.endsWith('.SystemModstamp'));
      assert.match(skipped?.message ?? '', /record skipped/);
    } finally {
      await sandbox.close();
    }
  });
});
