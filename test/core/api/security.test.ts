import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';

import {
  signHubSpotRequestV3,
  verifyHubSpotSignatureV3,
} from '../../../connectors/hubspot/inbound/verify-signature-v3.js';
import { apiKeyIdOf, apiKeyMatches, generateApiKey } from '../../../core/security/api-key-token.js';
import { scopeAllows } from '../../../core/security/api-scope.js';
import { decryptSettings } from '../../../core/security/decrypt-settings.js';
import {
  createKeyring,
  encryptionKeyFromBytes,
  loadEncryptionKeyring,
} from '../../../core/security/encryption-keyring.js';
import { rotateEncryption } from '../../../core/security/rotate-encryption.js';
import { sealJson } from '../../../core/security/secret-box.js';
import { openStore } from '../../../core/store/index.js';

describe('secrets at rest', () => {
  const oldKey = encryptionKeyFromBytes(randomBytes(32));
  const newKey = encryptionKeyFromBytes(randomBytes(32));

  test('sealed settings decrypt to the original; tampering is refused', () => {
    const ring = createKeyring([oldKey]);
    const sealed = sealJson({ accessToken: 'pat-1' }, ring);
    const settings = { connector: sealed, plugins: { churn: {} } } as never;
    assert.deepEqual(decryptSettings(settings, ring), {
      connector: { accessToken: 'pat-1' },
      plugins: { churn: {} },
    });

    const forged = structuredClone(sealed);
    forged.$sealed.data = Buffer.from('{"accessToken":"evil"}').toString('base64');
    assert.throws(() => decryptSettings(forged as never, ring), {
      code: 'encryption_decrypt_failed',
    });
    assert.throws(() => decryptSettings(sealed as never, createKeyring([newKey])), {
      code: 'encryption_key_unknown',
    });
  });

  test('keys come from the environment, old ones still decrypt, bad ones name the variable', () => {
    const ring = loadEncryptionKeyring({
      CRM_ML_ENCRYPTION_KEY: newKey.key.toString('base64'),
      CRM_ML_ENCRYPTION_KEYS_OLD: oldKey.key.toString('base64'),
    });
    assert.equal(ring?.current.id, newKey.id);
    assert.ok(ring?.byId.has(oldKey.id));
    assert.equal(loadEncryptionKeyring({}), undefined);
    assert.throws(() => loadEncryptionKeyring({ CRM_ML_ENCRYPTION_KEY: 'c2hvcnQ=' }), {
      code: 'encryption_key_invalid',
      message: /CRM_ML_ENCRYPTION_KEY/,
    });
  });

  test('rotation re-encrypts stored secrets with the current key, once', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    try {
      const sealed = sealJson({ accessToken: 'pat-2' }, createKeyring([oldKey]));
      await store.connections.upsert({
        id: 'c1',
        crm: 'hubspot',
        label: 'c1',
        settings: { connector: sealed as never, plugins: {} },
      });
      const ring = createKeyring([newKey, oldKey]);
      assert.deepEqual(await rotateEncryption(store, ring), { connections: 1, rotated: 1 });
      assert.deepEqual(await rotateEncryption(store, ring), { connections: 1, rotated: 0 });

      const stored = await store.connections.get('c1');
      assert.match(JSON.stringify(stored?.settings), new RegExp(newKey.id));
      const onlyNew = createKeyring([newKey]);
      assert.deepEqual(decryptSettings(stored?.settings ?? null, onlyNew), {
        connector: { accessToken: 'pat-2' },
        plugins: {},
      });
    } finally {
      await store.close();
    }
  });
});

describe('API keys and scopes', () => {
  test('a key matches its hash only; its id is readable from the token', () => {
    const key = generateApiKey();
    assert.equal(apiKeyIdOf(key.token), key.id);
    assert.ok(apiKeyMatches(key.token, key.hash));
    // Change the last character for certain: base64url may already end in 'A'.
    const last = key.token.at(-1) === 'A' ? 'B' : 'A';
    assert.ok(!apiKeyMatches(`${key.token.slice(0, -1)}${last}`, key.hash));
    assert.equal(apiKeyIdOf('crmml_short'), undefined);
  });

  test('scopes are ordered read < write < admin', () => {
    assert.ok(scopeAllows('admin', 'write'));
    assert.ok(scopeAllows('write', 'read'));
    assert.ok(!scopeAllows('read', 'write'));
    assert.ok(!scopeAllows('write', 'admin'));
  });
});

describe('HubSpot signature v3', () => {
  const base = {
    clientSecret: 'secret',
    method: 'GET',
    uri: 'https://example.com/hubspot/card?portalId=1&email=a%40b.example',
    body: '',
  };

  test('known answer: base64 HMAC-SHA256 of method, decoded URI, body and timestamp', () => {
    // Computed independently with openssl dgst -sha256 -hmac secret -binary | base64 over
    // 'GEThttps://example.com/hubspot/card?portalId=1&email=a@b.example1700000000000'.
    const signature = signHubSpotRequestV3({ ...base, timestamp: '1700000000000' });
    assert.equal(signature, '48/EWzPjyHVqcNFtC/YZlFfA3g8zdBEni74jYxKyHbA=');
  });

  test('accepts a fresh signature and refuses stale, forged or missing ones', () => {
    const now = 1_700_000_000_000;
    const timestamp = String(now);
    const signature = signHubSpotRequestV3({ ...base, timestamp });
    assert.deepEqual(verifyHubSpotSignatureV3({ ...base, signature, timestamp, now }), {
      ok: true,
    });
    assert.deepEqual(
      verifyHubSpotSignatureV3({ ...base, signature, timestamp, now: now + 5 * 60_000 + 1 }),
      { ok: false, reason: 'stale_timestamp' },
    );
    assert.deepEqual(verifyHubSpotSignatureV3({ ...base, body: 'x', signature, timestamp, now }), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.deepEqual(verifyHubSpotSignatureV3({ ...base, signature: undefined, timestamp, now }), {
      ok: false,
      reason: 'missing_headers',
    });
    assert.deepEqual(
      verifyHubSpotSignatureV3({ ...base, signature, timestamp: 'yesterday', now }),
      { ok: false, reason: 'invalid_timestamp' },
    );
  });
});
