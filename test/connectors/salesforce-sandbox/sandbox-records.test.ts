import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';
import { connect, errorOf, type Connection } from './sandbox-client.js';

interface SaveResult {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

describe('salesforce sandbox: records, collections and describe with @salesforce/core', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  let ids: string[];
  const idAt = (index: number): string => ids[index] ?? assert.fail(`no id at ${index}`);

  before(async () => {
    sandbox = await startSalesforceSandbox();
    ids = sandbox.data.createMany(
      'Lead',
      Array.from({ length: 6 }, (_, index) => ({
        LastName: `Lead ${index}`,
        Company: 'Acme',
        Status: 'Open - Not Contacted',
      })),
    );
    conn = await connect(sandbox);
  });

  after(async () => {
    await sandbox.close();
  });

  it('creates, reads, updates (204) and deletes one record', async () => {
    const created = await conn
      .sobject('Account')
      .create({ Name: 'Acme', AnnualRevenue: 12.345678 });
    assert.equal(created.success, true);
    assert.match(created.id, /^001\w{15}$/);

    await conn.sobject('Account').update({ Id: created.id, Industry: 'Telecom' });
    const read = await conn.sobject('Account').retrieve(created.id);
    assert.equal(read['Industry'], 'Telecom');
    assert.equal(read['AnnualRevenue'], 12.35);

    await conn.sobject('Account').destroy(created.id);
    const gone = await errorOf(conn.sobject('Account').retrieve(created.id));
    assert.equal(gone.name, 'ENTITY_IS_DELETED');
  });

  it('reports per-record failures by position with allOrNone false', async () => {
    const [locked, deleted, fine, validated] = [idAt(0), idAt(1), idAt(2), idAt(3)];
    sandbox.data.delete(deleted);
    sandbox.data.failWritesFor([locked], 'UNABLE_TO_LOCK_ROW', 1);
    sandbox.data.addValidationRule('Lead', {
      message: 'Rating needs a company of size',
      fields: ['Rating'],
      rejects: (values) => values['Rating'] === 'Hot' && values['LastName'] === 'Lead 3',
    });

    const results = (await conn.sobject('Lead').update(
      [
        { Id: locked, Rating: 'Warm' },
        { Id: deleted, Rating: 'Warm' },
        { Id: fine, Rating: 'Warm' },
        { Id: validated, Rating: 'Hot' },
        { Id: '00Q5g000000zzzzAAA', Rating: 'Warm' },
        { Id: fine, Status: 'Sleeping' },
        { Id: fine, Unknown__c: 1 },
      ],
      { allOrNone: false },
    )) as SaveResult[];

    const codes = results.map((result) => result.errors[0]?.statusCode ?? 'OK');
    assert.deepEqual(codes, [
      'UNABLE_TO_LOCK_ROW',
      'ENTITY_IS_DELETED',
      'OK',
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      'INVALID_CROSS_REFERENCE_KEY',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'INVALID_FIELD',
    ]);
    assert.equal(results[2]?.id, fine);
    assert.equal(sandbox.data.get(fine)?.values['Rating'], 'Warm');

    // UNABLE_TO_LOCK_ROW was forced once: the retry goes through.
    await conn.sobject('Lead').update({ Id: locked, Rating: 'Cold' });
    assert.equal(sandbox.data.get(locked)?.values['Rating'], 'Cold');
  });

  it('rolls every record back when allOrNone is true and one fails', async () => {
    const [first, second] = [idAt(4), idAt(5)];
    const results = (await conn.sobject('Lead').update(
      [
        { Id: first, Rating: 'Hot' },
        { Id: second, Status: 'Sleeping' },
      ],
      { allOrNone: true },
    )) as SaveResult[];
    assert.deepEqual(
      results.map((result) => result.errors[0]?.statusCode),
      ['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'],
    );
    assert.equal(sandbox.data.get(first)?.values['Rating'], null);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const records = Array.from({ length: 201 }, () => ({
      id: idAt(2),
      attributes: { type: 'Lead' },
      Rating: 'Warm',
    }));
    const error = await errorOf(
      conn.request({
        method: 'PATCH',
        url: '/services/data/v62.0/composite/sobjects',
        body: JSON.stringify({ allOrNone: false, records }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    assert.equal(error.name, 'EXCEEDED_ID_LIMIT');
  });

  it('describes objects with types, picklists and custom flags', async () => {
    const describe = await conn.sobject('Contact').describe();
    assert.equal(describe.keyPrefix, '003');
    const email = describe.fields.find((field) => field.name === 'Email');
    assert.equal(email?.type, 'email');
    const address = describe.fields.find((field) => field.name === 'MailingCity');
    assert.equal(address?.compoundFieldName, 'MailingAddress');

    const lead = await conn.sobject('Lead').describe();
    const status = lead.fields.find((field) => field.name === 'Status');
    assert.equal(status?.restrictedPicklist, true);
    assert.ok(status?.picklistValues?.some((value) => value.value === 'Working - Contacted'));

    const global = await conn.describeGlobal();
    assert.deepEqual(global.sobjects.map((sobject) => sobject.keyPrefix).sort(), [
      '001',
      '003',
      '006',
      '00Q',
      '00T',
      '00U',
      '00k',
      '02s',
      '500',
    ]);
  });
});
