export {
  createHubSpotConnector,
  type HubSpotConnector,
  type HubSpotConnectorOptions,
} from './hubspot-connector.js';
export { hubspotDescriptor, type HubSpotDescriptor } from './hubspot-descriptor.js';
