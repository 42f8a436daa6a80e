import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseRetryAfter } from '../../../connectors/hubspot/classify-failure.js';
import { hubspotDescriptor } from '../../../connectors/hubspot/index.js';
import { listPageSchema, parsePayload } from '../../../connectors/hubspot/hubspot-schemas.js';
import { decodeCursor, encodeCursor } from '../../../connectors/hubspot/sync-cursor.js';
import { toHubSpotValue } from '../../../connectors/hubspot/to-hubspot-value.js';

describe('HubSpot connector boundaries', () => {
  it('names the endpoint and the field of an unexpected payload', () => {
    const endpoint = 'GET /crm/v3/objects/contacts';
    const parse = (data: unknown) => () => parsePayload(listPageSchema, data, endpoint);
    assert.throws(parse({ paging: {} }), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal((error as { code?: string }).code, 'hubspot_unexpected_payload');
      assert.match(error.message, /GET \/crm\/v3\/objects\/contacts/);
      assert.match(error.message, /results/);
      return true;
    });
    // Records inside the page are checked one by one (hubspot-payloads.test.ts): the page holds.
    assert.throws(parse({ results: 'none' }), /results/);
  });

  it('round-trips cursors and refuses foreign ones', () => {
    const cursor = { ts: 1_700_000_000_000, id: '42' };
    assert.deepEqual(decodeCursor(encodeCursor(cursor)), cursor);
    assert.throws(() => decodeCursor('2024-01-01'), { code: 'hubspot_invalid_cursor' });
    const negative = '{"v":1,"ts":-1,"id":""}';
    assert.throws(() => decodeCursor(negative), { code: 'hubspot_invalid_cursor' });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    const now = Date.UTC(2015, 9, 21, 7, 28);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now), 5000);
    assert.equal(parseRetryAfter(undefined), null);
    assert.equal(parseRetryAfter('soon'), null);
  });

  it('converts values to the strings HubSpot stores', () => {
    assert.equal(toHubSpotValue(0.25), '0.25');
    assert.equal(toHubSpotValue(-1.5e-7), '-0.00000015');
    assert.equal(toHubSpotValue(1.25e22), '12500000000000000000000');
    assert.equal(toHubSpotValue(null), '');
    assert.equal(toHubSpotValue(true), 'true');
    assert.equal(toHubSpotValue(Number.POSITIVE_INFINITY), null);
  });

  it('keeps HubSpot facts as data', () => {
    assert.equal(hubspotDescriptor.readPageSize, 100);
    assert.equal(hubspotDescriptor.searchPageSize, 200);
    assert.equal(hubspotDescriptor.writeBatchSize, 100);
    assert.equal(hubspotDescriptor.cursorField, 'lastmodifieddate');
    assert.equal(hubspotDescriptor.rateLimitHeaders.remaining, 'x-hubspot-ratelimit-remaining');
  });
});
