import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConnectors } from '../../../core/runtime/default-registries.js';
import { parseSalesforceSettings } from '../../../connectors/salesforce/salesforce-settings.js';

describe('stored Salesforce connection settings', () => {
  it('become connector options, and the registry builds a connector from them', () => {
    const settings = { instanceUrl: 'https://acme.my.salesforce.com', accessToken: '00D!x' };
    assert.deepEqual(parseSalesforceSettings(settings), settings);
    const connector = defaultConnectors().create('salesforce', settings);
    assert.equal(connector.descriptor.id, 'salesforce');
  });

  it('name what is wrong: a bad URL, unknown keys, no credentials', () => {
    assert.throws(() => parseSalesforceSettings({ instanceUrl: 'nope', accessToken: 't' }), {
      code: 'connection_settings_invalid',
      message: /instanceUrl/,
    });
    assert.throws(() => parseSalesforceSettings({ instanceUrl: 'https://a.example', token: 't' }), {
      code: 'connection_settings_invalid',
    });
    assert.throws(() => parseSalesforceSettings({ instanceUrl: 'https://a.example' }), {
      code: 'connection_settings_invalid',
      message: /credentials/,
    });
  });
});
