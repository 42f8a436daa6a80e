import { createHubSpotConnector } from '../../connectors/hubspot/index.js';
import { parseHubSpotSettings } from '../../connectors/hubspot/hubspot-settings.js';
import { ConnectorRegistry } from '../../connectors/registry.js';
import { createSalesforceConnector } from '../../connectors/salesforce/index.js';
import { parseSalesforceSettings } from '../../connectors/salesforce/salesforce-settings.js';
import { createChurnPlugin } from '../../plugins/churn/index.js';
import { loadPluginPackages } from '../../plugins/load-plugin-packages.js';
import { createNetworkPlugin } from '../../plugins/network/index.js';
import { createNextBestActionPlugin } from '../../plugins/next-best-action/index.js';
import { createNextPurchasePlugin } from '../../plugins/next-purchase/index.js';
import { createRecommendationsPlugin } from '../../plugins/recommendations/index.js';
import { PluginRegistry } from '../../plugins/registry.js';
import { createSegmentsPlugin } from '../../plugins/segments/index.js';
import { createSentimentPlugin } from '../../plugins/sentiment/index.js';
import { createTicketsPlugin } from '../../plugins/tickets/index.js';
import type { CrmMlConfig } from '../config/index.js';

/** The connectors crm-ml ships, registered under their CRM ids. */
export function defaultConnectors(): ConnectorRegistry {
  return new ConnectorRegistry()
    .register('hubspot', (settings) => createHubSpotConnector(parseHubSpotSettings(settings)))
    .register('salesforce', (settings) =>
      createSalesforceConnector(parseSalesforceSettings(settings)),
    );
}

/** The plugins crm-ml ships, registered under their ids. */
export function defaultPlugins(): PluginRegistry {
  return new PluginRegistry()
    .register(createChurnPlugin())
    .register(createSegmentsPlugin())
    .register(createRecommendationsPlugin())
    .register(createSentimentPlugin())
    .register(createNextPurchasePlugin())
    .register(createTicketsPlugin())
    .register(createNetworkPlugin())
    .register(createNextBestActionPlugin());
}

/**
 * The shipped plugins plus the third-party packages the configuration names, resolved from
 * `cwd` (the directory crm-ml runs in, whose node_modules hold them).
 */
export function configuredPlugins(
  config: Pick<CrmMlConfig, 'pluginPackages'>,
  cwd = process.cwd(),
): Promise<PluginRegistry> {
  return loadPluginPackages(config.pluginPackages, defaultPlugins(), { cwd });
}
