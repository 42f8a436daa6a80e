import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  PropertyCreateFieldTypeEnum as FieldType,
  PropertyCreateTypeEnum as Type,
  type PropertyCreate,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { clientFor, failureOf } from './sandbox-client.js';

const churnRisk: PropertyCreate = {
  name: 'crm_ml_churn_risk',
  label: 'Churn risk',
  type: Type.Enumeration,
  fieldType: FieldType.Select,
  groupName: 'crm_ml',
  description: 'Written by crm-ml',
  options: [
    { label: 'Low', value: 'low', displayOrder: 0, hidden: false },
    { label: 'High', value: 'high', displayOrder: 1, hidden: false },
  ],
};

describe('hubspot sandbox: properties', () => {
  let sandbox: HubSpotSandbox;

  before(async () => {
    sandbox = await startHubSpotSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it('lists the default contact properties', async () => {
    const { results } = await clientFor(sandbox).crm.properties.coreApi.getAll('contacts');
    const names = results.map((property) => property.name);
    for (const name of ['hs_object_id', 'createdate', 'lastmodifieddate', 'email']) {
      assert.ok(names.includes(name), name);
    }
  });

  it('creates a group (201) then a property in it (201), and 409s on repeats', async () => {
    const client = clientFor(sandbox);
    const group = await client.crm.properties.groupsApi.createWithHttpInfo('contacts', {
      name: 'crm_ml',
      label: 'crm-ml',
      displayOrder: -1,
    });
    assert.equal(group.httpStatusCode, 201);
    const again = await failureOf(
      client.crm.properties.groupsApi.create('contacts', { name: 'crm_ml', label: 'x' }),
    );
    assert.equal(again.code, 409);

    const created = await client.crm.properties.coreApi.createWithHttpInfo('contacts', churnRisk);
    assert.equal(created.httpStatusCode, 201);
    assert.equal(created.data.options.length, 2);

    const conflict = await failureOf(client.crm.properties.coreApi.create('contacts', churnRisk));
    assert.equal(conflict.code, 409);
    assert.equal(conflict.body['status'], 'error');

    const read = await client.crm.properties.coreApi.getByName('contacts', 'crm_ml_churn_risk');
    assert.equal(read.groupName, 'crm_ml');
    assert.equal(
      (await failureOf(client.crm.properties.coreApi.getByName('contacts', 'nope'))).code,
      404,
    );
    assert.ok(sandbox.data.listProperties('contacts').some((p) => p.name === 'crm_ml_churn_risk'));
  });

  it('refuses type/fieldType mismatches and option-less enumerations with 400', async () => {
    const client = clientFor(sandbox);
    const mismatch = await failureOf(
      client.crm.properties.coreApi.create('contacts', {
        name: 'bad_number',
        label: 'Bad',
        type: Type.Number,
        fieldType: FieldType.Text,
        groupName: 'contactinformation',
      }),
    );
    assert.equal(mismatch.code, 400);

    const empty = await failureOf(
      client.crm.properties.coreApi.create('contacts', {
        ...churnRisk,
        name: 'no_options',
        options: [],
      }),
    );
    assert.equal(empty.code, 400);
  });

  it('validates written values against the created enumeration', async () => {
    const id = sandbox.data.create('contacts', {});
    const client = clientFor(sandbox);
    await client.crm.contacts.basicApi.update(id, { properties: { crm_ml_churn_risk: 'high' } });
    assert.equal(sandbox.data.get('contacts', id)?.properties['crm_ml_churn_risk'], 'high');

    const bad = await failureOf(
      client.crm.contacts.basicApi.update(id, { properties: { crm_ml_churn_risk: 'maybe' } }),
    );
    assert.equal(bad.code, 400);
  });
});
