// Salesforce outbound messages into crm-ml: the `/hooks/salesforce` route.
export {
  SALESFORCE_HOOK_CONNECTION_VARIABLE,
  SALESFORCE_HOOK_TOKEN_VARIABLE,
  salesforceWebhookRoute,
  unknownConnection,
} from './salesforce-webhook-route.js';
export type { SalesforceHookOptions } from './salesforce-webhook-route.js';
export { soapFault } from './soap-fault.js';
