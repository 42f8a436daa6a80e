import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  FilterOperatorEnum as Op,
  type FilterGroup,
  type PublicObjectSearchRequest,
} from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { clientFor, failureOf } from './sandbox-client.js';

const SHARED_TIME = new Date('2024-03-01T00:00:00.000Z');

function request(overrides: Partial<PublicObjectSearchRequest>): PublicObjectSearchRequest {
  return {
    filterGroups: [],
    sorts: [],
    properties: ['email', 'score'],
    limit: 100,
    after: '0',
    ...overrides,
  };
}

describe('hubspot sandbox: search', () => {
  let sandbox: HubSpotSandbox;
  let ids: string[];

  before(async () => {
    sandbox = await startHubSpotSandbox({ searchPerSecond: 1000 });
    await clientFor(sandbox).crm.properties.coreApi.create('contacts', {
      name: 'score',
      label: 'Score',
      type: PropertyCreateTypeEnum.Number,
      fieldType: PropertyCreateFieldTypeEnum.Number,
      groupName: 'contactinformation',
    });
    ids = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'].map((day, index) =>
      sandbox.data.create(
        'contacts',
        { email: `p${index}@x.test`, score: [5, 40, 300, ''][index] ?? null },
        {
          timestamp: new Date(`${day}T00:00:00.000Z`),
        },
      ),
    );
  });
  after(async () => {
    await sandbox.close();
  });

  it('compares dates as epoch ms (ms string or ISO) and sorts descending', async () => {
    const since = String(Date.parse('2024-01-02T00:00:00.000Z'));
    const page = await clientFor(sandbox).crm.contacts.searchApi.doSearch(
      request({
        filterGroups: [
          { filters: [{ propertyName: 'lastmodifieddate', operator: Op.Gte, value: since }] },
        ],
        // The client types sorts as strings; HubSpot also takes {propertyName, direction}.
        sorts: [{ propertyName: 'lastmodifieddate', direction: 'DESCENDING' } as unknown as string],
      }),
    );
    assert.equal(page.total, 3);
    assert.deepEqual(
      page.results.map((r) => r.id),
      [ids[3], ids[2], ids[1]],
    );

    const iso = await clientFor(sandbox).crm.contacts.searchApi.doSearch(
      request({
        filterGroups: [
          {
            filters: [
              { propertyName: 'createdate', operator: Op.Lt, value: '2024-01-02T00:00:00Z' },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(
      iso.results.map((r) => r.id),
      [ids[0]],
    );
  });

  it('compares numbers numerically, ORs groups and ANDs filters', async () => {
    const search = (filterGroups: FilterGroup[]) =>
      clientFor(sandbox).crm.contacts.searchApi.doSearch(
        request({ filterGroups, sorts: ['score'] }),
      );

    const numeric = await search([
      { filters: [{ propertyName: 'score', operator: Op.Gt, value: '9' }] },
    ]);
    assert.deepEqual(
      numeric.results.map((r) => r.properties['score']),
      ['40', '300'],
    );

    const either = await search([
      { filters: [{ propertyName: 'score', operator: Op.Between, value: '1', highValue: '10' }] },
      {
        filters: [
          { propertyName: 'email', operator: Op.Eq, value: 'P3@X.TEST' },
          { propertyName: 'score', operator: Op.NotHasProperty },
        ],
      },
    ]);
    assert.deepEqual(
      either.results.map((r) => r.id),
      [ids[0], ids[3]],
    );

    const inList = await search([
      {
        filters: [
          { propertyName: 'hs_object_id', operator: Op.In, values: [ids[1] ?? '', ids[2] ?? ''] },
        ],
      },
    ]);
    assert.equal(inList.total, 2);
    const notIn = await search([
      { filters: [{ propertyName: 'hs_object_id', operator: Op.Lte, value: ids[1] ?? '' }] },
    ]);
    assert.equal(notIn.total, 2);
  });

  it('pages with after and ends without paging', async () => {
    const client = clientFor(sandbox);
    const first = await client.crm.contacts.searchApi.doSearch(request({ limit: 3 }));
    assert.equal(first.paging?.next?.after, '3');
    const second = await client.crm.contacts.searchApi.doSearch(request({ limit: 3, after: '3' }));
    assert.deepEqual(
      second.results.map((r) => r.id),
      [ids[3]],
    );
    assert.equal(second.paging, undefined);
  });

  it('refuses limits over 200 and unknown filter properties with 400', async () => {
    const client = clientFor(sandbox);
    assert.equal(
      (await failureOf(client.crm.contacts.searchApi.doSearch(request({ limit: 201 })))).code,
      400,
    );
    const unknown = await failureOf(
      client.crm.contacts.searchApi.doSearch(
        request({
          filterGroups: [{ filters: [{ propertyName: 'nope', operator: Op.Eq, value: '1' }] }],
        }),
      ),
    );
    assert.equal(unknown.code, 400);
  });

  it('serves 10,000 results of one query and refuses to page past them', async () => {
    sandbox.data.createMany(
      'contacts',
      Array.from({ length: 10_050 }, () => ({})),
      { timestamp: SHARED_TIME },
    );
    const client = clientFor(sandbox);
    const shared = request({
      filterGroups: [
        {
          filters: [
            {
              propertyName: 'lastmodifieddate',
              operator: Op.Eq,
              value: String(SHARED_TIME.getTime()),
            },
          ],
        },
      ],
      sorts: ['lastmodifieddate'],
      limit: 200,
    });

    const last = await client.crm.contacts.searchApi.doSearch({ ...shared, after: '9800' });
    assert.equal(last.total, 10_050);
    assert.equal(last.results.length, 200);
    assert.equal(last.paging?.next?.after, '10000');

    const beyond = await failureOf(
      client.crm.contacts.searchApi.doSearch({ ...shared, after: '10000' }),
    );
    assert.equal(beyond.code, 400);
    assert.equal(beyond.body['category'], 'VALIDATION_ERROR');
  });
});
