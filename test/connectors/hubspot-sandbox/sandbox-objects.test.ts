import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { clientFor, failureOf } from './sandbox-client.js';

describe('hubspot sandbox: records over the wire', () => {
  let sandbox: HubSpotSandbox;

  before(async () => {
    sandbox = await startHubSpotSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it('lists pages of 2 with repeated properties params until paging disappears', async () => {
    const ids = sandbox.data.createMany('companies', [
      { name: 'Acme', domain: 'acme.test' },
      { name: 'Globex', domain: 'globex.test' },
      { name: 'Initech' },
    ]);
    const client = clientFor(sandbox);

    const first = await client.crm.companies.basicApi.getPage(2, undefined, ['name', 'domain']);
    assert.deepEqual(
      first.results.map((r) => r.id),
      ids.slice(0, 2),
    );
    assert.equal(first.results[0]?.properties['domain'], 'acme.test');
    assert.equal(first.results[0]?.properties['hs_object_id'], ids[0]);
    assert.ok(first.results[0]?.properties['hs_lastmodifieddate']);
    assert.ok(first.results[0]?.createdAt instanceof Date);

    const second = await client.crm.companies.basicApi.getPage(2, first.paging?.next?.after, [
      'name',
      'domain',
    ]);
    assert.deepEqual(
      second.results.map((r) => r.id),
      ids.slice(2),
    );
    assert.equal(second.results[0]?.properties['domain'], null);
    assert.equal(second.paging, undefined);
    assert.equal(sandbox.stats.byRoute['GET /crm/v3/objects/:objectType'], 2);
  });

  it('accepts comma-joined properties and sends every value as a string', async () => {
    sandbox.data.create('deals', { dealname: 'Big', amount: 1200.5 });
    const response = await fetch(`${sandbox.url}/crm/v3/objects/deals?properties=dealname,amount`, {
      headers: { authorization: 'Bearer sandbox-token' },
    });
    const body = (await response.json()) as { results: { properties: Record<string, unknown> }[] };
    assert.equal(body.results[0]?.properties['amount'], '1200.5');
    assert.equal(body.results[0]?.properties['dealname'], 'Big');
  });

  it('shows archived records only with archived=true, with archivedAt', async () => {
    const client = clientFor(sandbox);
    const created = await client.crm.contacts.basicApi.create({
      properties: { email: 'a@x.test' },
      associations: [],
    });
    await client.crm.contacts.basicApi.archive(created.id);

    const live = await client.crm.contacts.basicApi.getPage(100);
    assert.ok(!live.results.some((r) => r.id === created.id));
    const archived = await client.crm.contacts.basicApi.getPage(
      100,
      undefined,
      ['email'],
      undefined,
      undefined,
      true,
    );
    const record = archived.results.find((r) => r.id === created.id);
    assert.equal(record?.archived, true);
    assert.ok(record?.archivedAt instanceof Date);
  });

  it('updates one record with PATCH and bumps lastmodifieddate', async () => {
    const id = sandbox.data.create(
      'contacts',
      { firstname: 'Ann' },
      { timestamp: new Date('2024-01-01') },
    );
    const updated = await clientFor(sandbox).crm.contacts.basicApi.update(id, {
      properties: { firstname: 'Anna' },
    });
    assert.equal(updated.properties['firstname'], 'Anna');
    const snapshot = sandbox.data.get('contacts', id);
    assert.equal(snapshot?.properties['firstname'], 'Anna');
    assert.ok((snapshot?.updatedAt.getTime() ?? 0) > Date.parse('2024-01-02'));
  });

  it('batch-updates with 200, stores numbers as strings and bumps the modified date', async () => {
    const ids = sandbox.data.createMany('deals', [{ amount: 1 }, { amount: 2 }], {
      timestamp: new Date('2024-01-01'),
    });
    const response = await clientFor(sandbox).crm.deals.batchApi.updateWithHttpInfo({
      inputs: ids.map((id) => ({ id, properties: { amount: '42' } })),
    });
    assert.equal(response.httpStatusCode, 200);
    assert.equal(response.data.status, 'COMPLETE');
    assert.equal(response.data.results.length, 2);
    assert.equal(sandbox.data.get('deals', ids[0] ?? '')?.properties['amount'], '42');
    assert.ok(
      (sandbox.data.get('deals', ids[1] ?? '')?.updatedAt.getTime() ?? 0) >
        Date.parse('2024-02-01'),
    );
  });

  it('returns 207 (not a thrown error) for missing, archived and failing ids', async () => {
    const [ok, archived, failing] = sandbox.data.createMany('tickets', [{}, {}, {}]);
    sandbox.data.archive('tickets', archived ?? '');
    sandbox.data.failWritesFor('tickets', [failing ?? '']);
    const inputs = [ok, archived, failing, '999999'].map((id) => ({
      id: id ?? '',
      properties: { subject: 'new' },
    }));

    const response = await clientFor(sandbox).crm.tickets.batchApi.updateWithHttpInfo({ inputs });
    assert.equal(response.httpStatusCode, 207);
    const body = response.data as {
      numErrors?: number;
      errors?: { category: string; context: { ids: string[] } }[];
    };
    assert.equal(body.numErrors, 1);
    assert.equal(body.errors?.[0]?.category, 'OBJECT_NOT_FOUND');
    assert.deepEqual(body.errors?.[0]?.context.ids, [archived, failing, '999999']);
    assert.equal(sandbox.data.get('tickets', ok ?? '')?.properties['subject'], 'new');
    assert.equal(sandbox.data.get('tickets', failing ?? '')?.properties['subject'], undefined);
  });

  it('rejects the whole batch with 400 for an unknown property or a bad option', async () => {
    const [first, second] = sandbox.data.createMany('contacts', [{}, {}]);
    const client = clientFor(sandbox);

    const unknown = await failureOf(
      client.crm.contacts.batchApi.update({
        inputs: [
          { id: first ?? '', properties: { firstname: 'ok' } },
          { id: second ?? '', properties: { nope: 'x' } },
        ],
      }),
    );
    assert.equal(unknown.code, 400);
    assert.equal(unknown.body['category'], 'VALIDATION_ERROR');
    assert.match(String(unknown.body['message']), /PROPERTY_DOESNT_EXIST/);
    assert.equal(sandbox.data.get('contacts', first ?? '')?.properties['firstname'], undefined);

    const option = await failureOf(
      client.crm.contacts.batchApi.update({
        inputs: [{ id: first ?? '', properties: { lifecyclestage: 'alien' } }],
      }),
    );
    assert.equal(option.code, 400);
    assert.match(String(option.body['message']), /INVALID_OPTION/);
  });

  it('refuses batches over 100 inputs', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1), properties: {} }));
    const failure = await failureOf(clientFor(sandbox).crm.contacts.batchApi.update({ inputs }));
    assert.equal(failure.code, 400);
    assert.equal(failure.body['category'], 'VALIDATION_ERROR');
  });

  it('batch-reads with 207 listing the missing ids', async () => {
    const id = sandbox.data.create('contacts', { email: 'r@x.test' });
    const response = await clientFor(sandbox).crm.contacts.batchApi.readWithHttpInfo({
      inputs: [{ id }, { id: '888888' }],
      properties: ['email'],
      propertiesWithHistory: [],
    });
    assert.equal(response.httpStatusCode, 207);
    assert.equal(response.data.results[0]?.properties['email'], 'r@x.test');
  });

  it('answers unknown routes with 404 JSON and invalid JSON with 400', async () => {
    const headers = { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' };
    const missing = await fetch(`${sandbox.url}/crm/v3/nothing`, { headers });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { status: string }).status, 'error');

    const bad = await fetch(`${sandbox.url}/crm/v3/objects/contacts/search`, {
      method: 'POST',
      headers,
      body: '{"limit":',
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { category: string }).category, 'VALIDATION_ERROR');
  });
});
