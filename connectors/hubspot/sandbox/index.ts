/**
 * The HubSpot sandbox: a local HTTP server answering the CRM v3 subset crm-ml uses, for
 * connector authors, the demo and integration tests with the real `@hubspot/api-client`.
 */
export {
  startHubSpotSandbox,
  type HubSpotSandbox,
  type HubSpotSandboxOptions,
} from './start-hubspot-sandbox.js';
export { defineSeedColumns, seedFromCsv, seedRows, TELCO_SEED_PATH } from './seed-from-csv.js';
export {
  seedDemo,
  RETAIL_SEED_PATH,
  SENTENCE_SEED_PATHS,
  type DemoSeed,
  type SeedDemoOptions,
} from './seed-demo.js';
export { toPropertyName } from '../../../core/records/property-name.js';
export {
  SandboxData,
  type CreateOptions,
  type SandboxRecordSnapshot,
  type WriteTimeOptions,
} from './sandbox-data.js';
export type { SandboxValue } from './sandbox-record.js';
export type { SandboxStats } from './sandbox-stats.js';
export type {
  PropertyDefinition,
  PropertyGroup,
  PropertyOption,
  PropertyType,
} from './property-definition.js';
