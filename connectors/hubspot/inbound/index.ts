// HubSpot webhooks into crm-ml: the v3 signature check and the `/hooks/hubspot` route.
export { hubspotWebhookRoute } from './hubspot-webhook-route.js';
export type { HubSpotHookOptions } from './hubspot-webhook-route.js';
export { parseHubSpotEvents, readHubSpotBatch } from './hubspot-webhook-events.js';
export type { HubSpotBatch } from './hubspot-webhook-events.js';
export { signHubSpotRequestV3, verifyHubSpotSignatureV3 } from './verify-signature-v3.js';
