/**
 * The connector conformance kit: one suite every connector runs through a small harness.
 * See README.md in this folder for writing a connector and its harness.
 */
export { runConnectorConformance } from './run-connector-conformance.js';
export type {
  CheckId,
  ConnectorHarness,
  FakeCrm,
  FaultyCrm,
  HarnessHook,
  SeedRecord,
} from './connector-harness.js';
export { EXTRA, KIT_FIELDS, KIT_PROPERTIES, LABEL, NOTE } from './kit-fields.js';
export { instantSleep } from './instant-sleep.js';
export { readAll, readPageByPage, type SyncResult } from './read-all.js';
