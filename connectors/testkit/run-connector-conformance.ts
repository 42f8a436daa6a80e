import { describe } from 'node:test';
import { registerResilienceChecks } from './checks/resilience-checks.js';
import { registerSyncChecks } from './checks/sync-checks.js';
import { registerValueChecks } from './checks/value-checks.js';
import { registerWriteChecks } from './checks/write-checks.js';
import type { ConnectorHarness } from './connector-harness.js';

/**
 * Registers the connector conformance suite as node:test blocks: one `describe` per harness,
 * one test per check, each on a fresh fake CRM. A check whose hook the harness lacks is
 * reported as skipped with the harness's reason, never as passed.
 *
 * @example
 * // test/connectors/conformance/acme.test.ts
 * runConnectorConformance(acmeHarness);
 */
export function runConnectorConformance(harness: ConnectorHarness): void {
  describe(`connector conformance: ${harness.name}`, () => {
    describe('sync', () => registerSyncChecks(harness));
    describe('resilience', () => registerResilienceChecks(harness));
    describe('write and provisioning', () => registerWriteChecks(harness));
    describe('values', () => registerValueChecks(harness));
  });
}
