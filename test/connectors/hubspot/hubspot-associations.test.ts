import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Connector } from '../../../connectors/connector.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { NO_LIMITS, readAll, sandboxConnector } from './hubspot-test-kit.js';

const SEED_TIME = new Date(Date.now() - 86_400_000);

describe('HubSpot connector: associations to contacts', () => {
  let sandbox: HubSpotSandbox;
  let connector: Connector;
  let contacts: string[];

  before(async () => {
    sandbox = await startHubSpotSandbox({ port: 0, accessToken: 't', ...NO_LIMITS });
    const timestamp = SEED_TIME;
    contacts = ['a', 'b', 'c'].map((name) =>
      sandbox.data.create('contacts', { email: `${name}@example.com` }, { timestamp }),
    );
    // Note 1 → contact a, note 2 → a and b, note 3 → none; 150 notes span two list pages.
    const [a = '', b = ''] = contacts;
    sandbox.data.create(
      'notes',
      { hs_note_body: 'one' },
      { timestamp, associations: { contacts: [a] } },
    );
    sandbox.data.create(
      'notes',
      { hs_note_body: 'two' },
      { timestamp, associations: { contacts: [a, b] } },
    );
    sandbox.data.create('notes', { hs_note_body: 'three' }, { timestamp });
    for (let i = 0; i < 147; i += 1) {
      sandbox.data.create(
        'notes',
        { hs_note_body: `n${i}` },
        { timestamp, associations: { contacts: [b] } },
      );
    }
    connector = sandboxConnector(sandbox).connector;
  });

  after(async () => {
    await connector.close?.();
    await sandbox.close();
  });

  it('the sandbox lists links on v3 list and read when asked, as HubSpot does', async () => {
    const headers = { authorization: 'Bearer t' };
    const list = await fetch(`${sandbox.url}/crm/v3/objects/notes?limit=3&associations=contacts`, {
      headers,
    });
    const body = (await list.json()) as { results: { id: string; associations?: unknown }[] };
    assert.deepEqual(body.results[1]?.associations, {
      contacts: {
        results: [
          { id: contacts[0], type: 'note_to_contact' },
          { id: contacts[1], type: 'note_to_contact' },
        ],
      },
    });
    assert.equal(body.results[2]?.associations, undefined, 'no links: no associations key');

    const plain = await fetch(`${sandbox.url}/crm/v3/objects/notes/1`, { headers });
    assert.equal(((await plain.json()) as { associations?: unknown }).associations, undefined);
    const reverse = await fetch(`${sandbox.url}/crm/v3/objects/contacts/1?associations=notes`, {
      headers,
    });
    const contact = (await reverse.json()) as {
      associations: { notes: { results: { type: string }[] } };
    };
    assert.equal(contact.associations.notes.results.length, 2);
    assert.equal(contact.associations.notes.results[0]?.type, 'contact_to_note');
  });

  it('full sync fills CrmRecord.associations from the list call, empty when none', async () => {
    const { pages } = await readAll(connector, 'notes', null);
    const records = pages.flatMap((page) => page.records);
    assert.equal(records.length, 150);
    assert.deepEqual(records[0]?.associations, { contacts: [contacts[0]] });
    assert.deepEqual(records[1]?.associations, { contacts: [contacts[0], contacts[1]] });
    assert.deepEqual(records[2]?.associations, { contacts: [] });
    assert.deepEqual(records[149]?.associations, { contacts: [contacts[1]] });
  });

  it('incremental sync reads links of changed records through the v4 batch read', async () => {
    const { cursor } = await readAll(connector, 'notes', null);
    sandbox.data.update('notes', '3', { hs_note_body: 'three, edited' });
    sandbox.data.associate('notes', '3', 'contacts', [contacts[2] ?? '']);
    sandbox.data.update('notes', '4', { hs_note_body: 'edited too' });

    const before = sandbox.stats.requests;
    const { pages } = await readAll(connector, 'notes', cursor);
    const records = pages.flatMap((page) => page.records);
    assert.deepEqual(
      records.map((record) => [record.id, record.associations]),
      [
        ['3', { contacts: [contacts[2]] }],
        ['4', { contacts: [contacts[1]] }],
      ],
    );
    assert.ok(sandbox.stats.requests - before <= 5, 'one association call per page');
  });

  it('fetch reads links too; contacts themselves get none', async () => {
    const [note] = await connector.fetch('notes', ['2'], ['hs_note_body']);
    assert.deepEqual(note?.associations, { contacts: [contacts[0], contacts[1]] });
    const [contact] = await connector.fetch('contacts', [contacts[0] ?? ''], ['email']);
    assert.equal(contact?.associations, undefined);
  });

  it('the v4 batch read answers 207 for ids without links', async () => {
    const response = await fetch(`${sandbox.url}/crm/v4/associations/notes/contacts/batch/read`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ id: '1' }, { id: '999' }] }),
    });
    assert.equal(response.status, 207);
    const body = (await response.json()) as { results: unknown[]; numErrors: number };
    assert.deepEqual(body.results, [
      {
        from: { id: '1' },
        to: [
          {
            toObjectId: Number(contacts[0]),
            associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 202, label: null }],
          },
        ],
      },
    ]);
    assert.equal(body.numErrors, 1);
  });
});
