export {
  createSalesforceConnector,
  type SalesforceConnector,
  type SalesforceConnectorOptions,
} from './salesforce-connector.js';
export { salesforceDescriptor, type SalesforceDescriptor } from './salesforce-descriptor.js';
export {
  outboundAck,
  parseOutboundMessage,
  type OutboundMessage,
  type OutboundNotification,
} from './outbound-message.js';
export type { RemoveFieldsResult } from './remove-fields.js';
export type { ApiUsage } from './api-budget.js';
export { fromApiName, toApiName } from './field-names.js';
