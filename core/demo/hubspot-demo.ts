import { createHubSpotConnector } from '../../connectors/hubspot/index.js';
import { seedDemo, startHubSpotSandbox } from '../../connectors/hubspot/sandbox/index.js';
import { DEMO_CHURN_OPTIONS, DEMO_ORDER_FIELDS, type DemoCrm } from './demo-crm.js';

const DEMO_TOKEN = 'demo-private-app-token';

/**
 * Starts a HubSpot sandbox on `port` seeded with the demo data (contacts, orders and notes
 * linked to them) and a connector on it; notes carry HubSpot's own hs_note_body/hs_timestamp.
 */
export async function startHubSpotDemo(port: number): Promise<DemoCrm> {
  const sandbox = await startHubSpotSandbox({ port, accessToken: DEMO_TOKEN });
  try {
    const seed = await seedDemo(sandbox);
    return {
      connector: createHubSpotConnector({ accessToken: DEMO_TOKEN, basePath: sandbox.url }),
      connectionId: 'demo-hubspot',
      pluginOptions: {
        churn: DEMO_CHURN_OPTIONS,
        segments: { ...DEMO_ORDER_FIELDS, priceProperty: 'unit_price' },
        next_purchase: { ...DEMO_ORDER_FIELDS, priceProperty: 'unit_price' },
        recommendations: {
          ...DEMO_ORDER_FIELDS,
          itemProperty: 'stock_code',
          nameProperty: 'description',
        },
        sentiment: { textProperties: ['hs_note_body'], timeProperties: ['hs_timestamp'] },
      },
      url: sandbox.url,
      runEnvironment: `HUBSPOT_BASE_URL=${sandbox.url} HUBSPOT_ACCESS_TOKEN=${DEMO_TOKEN}`,
      description:
        `HubSpot sandbox on ${sandbox.url}: ${seed.contactIds.length} Telco customers, ` +
        `${seed.orderIds.length} order lines of ${seed.customerContacts.size} of them, ` +
        `${seed.noteIds.length} notes on ${seed.contactsWithNotes}`,
      close: () => sandbox.close(),
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
