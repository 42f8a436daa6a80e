// Salesforce outbound messages into crm-ml: the `/hooks/salesforce` route.
export { salesforceWebhookRoute } from './salesforce-webhook-route.js';
export type { SalesforceHookOptions } from './salesforce-webhook-route.js';
export { soapFault } from './soap-fault.js';
