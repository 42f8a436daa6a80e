/**
 * The Salesforce sandbox: a local HTTP server answering the REST, Bulk API 2.0, Tooling and
 * OAuth subset crm-ml uses, for connector authors, the demo and integration tests with the
 * real `@salesforce/core` / jsforce clients.
 */
export {
  startSalesforceSandbox,
  DEFAULT_ORG_ID,
  type SalesforceSandbox,
  type SalesforceSandboxOptions,
} from './start-salesforce-sandbox.js';
export {
  SalesforceData,
  SANDBOX_USER_ID,
  type ValidationRule,
  type WriteTimeOptions,
} from './salesforce-data.js';
export type { SandboxRecord, SandboxInput } from './sandbox-record.js';
export type { FieldDefinition, FieldType, FieldValue } from './field-definition.js';
export type { ObjectSchema } from './object-schema.js';
export type { SalesforceSandboxStats } from './sandbox-stats.js';
export {
  seedFromCsv,
  seedRows,
  toCustomFieldName,
  TELCO_SEED_PATH,
  type SeedRowsOptions,
} from './seed-from-csv.js';
export {
  buildOutboundMessage,
  OUTBOUND_ACK_BODY,
  type OutboundMessage,
  type OutboundMessageInput,
} from './outbound-message.js';
export {
  seedSalesforceDemo,
  ORDER_LINE_OBJECT,
  ORDER_LINE_CONTACT_FIELD,
  type SalesforceDemoSeed,
} from './seed-demo.js';
