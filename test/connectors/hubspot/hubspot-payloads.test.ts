import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseObjects } from '../../../connectors/hubspot/hubspot-schemas.js';

const ENDPOINT = 'GET /crm/v3/objects/contacts';
const updatedAt = new Date('2026-01-02T03:04:05Z');

describe('HubSpot record payloads with surprises', () => {
  it('keeps the good records of a page and names the record and field of each bad one', () => {
    const { objects, problems } = parseObjects(
      [
        { id: '1', properties: { email: 'a@example.com', tenure: '5' }, updatedAt },
        { properties: { email: 'no-id@example.com' }, updatedAt },
        { id: '3', properties: { tenure: '7' }, updatedAt: new Date('not a date') },
        { id: '4', properties: { tenure: 12, vip: true, note: null }, updatedAt },
      ],
      ENDPOINT,
    );

    assert.deepEqual(
      objects.map((object) => object.id),
      ['1', '4'],
    );
    assert.equal(problems.length, 2);
    assert.match(problems[0]?.path ?? '', /results\[1\]\.id$/);
    assert.match(problems[1]?.path ?? '', /results\[2\] \(record 3\)\.updatedAt$/);
    assert.match(problems[1]?.message ?? '', /record skipped/);
  });

  it('takes numbers and booleans as text and drops nested values with a named problem', () => {
    const { objects, problems } = parseObjects(
      [{ id: 7, properties: { tenure: 12, vip: false, tags: ['a'], extra: { x: 1 } }, updatedAt }],
      ENDPOINT,
    );

    assert.deepEqual(objects[0]?.properties, { tenure: '12', vip: 'false' });
    assert.equal(objects[0]?.id, '7');
    assert.deepEqual(
      problems.map((problem) => problem.path),
      [`${ENDPOINT} results[0].properties.tags`, `${ENDPOINT} results[0].properties.extra`],
    );
  });

  it('ignores fields HubSpot may add later and keeps unicode values intact', () => {
    const { objects, problems } = parseObjects(
      [{ id: '9', properties: { note: '客户很满意 🎉' }, updatedAt, propertiesWithHistory: {} }],
      ENDPOINT,
    );
    assert.equal(problems.length, 0);
    assert.equal(objects[0]?.properties['note'], '客户很满意 🎉');
  });
});
