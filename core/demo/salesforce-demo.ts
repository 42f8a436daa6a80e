import { createSalesforceConnector } from '../../connectors/salesforce/index.js';
import {
  ORDER_LINE_OBJECT,
  seedSalesforceDemo,
  startSalesforceSandbox,
} from '../../connectors/salesforce/sandbox/index.js';
import { DEMO_CHURN_OPTIONS, DEMO_ORDER_FIELDS, type DemoCrm } from './demo-crm.js';

const DEMO_TOKEN = 'demo-session-token';

/**
 * Starts a Salesforce sandbox on `port` seeded with the demo data and a connector on it that
 * reads orders from the `Order_Line__c` custom object (linked through its `Contact__c`
 * lookup) and notes from Tasks. Seeded custom fields come back snake_case (`Unit_Price__c`
 * → `unit_price`), so the order options match HubSpot's; Task texts are standard fields.
 */
export async function startSalesforceDemo(port: number): Promise<DemoCrm> {
  const sandbox = await startSalesforceSandbox({ port, accessToken: DEMO_TOKEN });
  try {
    const seed = await seedSalesforceDemo(sandbox);
    return {
      connector: createSalesforceConnector({
        instanceUrl: sandbox.url,
        accessToken: DEMO_TOKEN,
        objects: { orders: ORDER_LINE_OBJECT, notes: 'Task' },
      }),
      connectionId: 'demo-salesforce',
      pluginOptions: {
        churn: DEMO_CHURN_OPTIONS,
        segments: { ...DEMO_ORDER_FIELDS, priceProperty: 'unit_price' },
        next_purchase: { ...DEMO_ORDER_FIELDS, priceProperty: 'unit_price' },
        recommendations: {
          ...DEMO_ORDER_FIELDS,
          itemProperty: 'stock_code',
          nameProperty: 'description',
        },
        sentiment: { textProperties: ['Description'], timeProperties: ['CreatedDate'] },
      },
      // Calls are Tasks too, so reading them beside notes would count every Task twice; the
      // sandbox org has no EmailMessage. Cases (tickets) are read as in HubSpot.
      textInputs: ['notes', 'tickets'],
      url: sandbox.url,
      runEnvironment: `SALESFORCE_INSTANCE_URL=${sandbox.url} SALESFORCE_ACCESS_TOKEN=${DEMO_TOKEN}`,
      description:
        `Salesforce sandbox on ${sandbox.url}: ${seed.contactIds.length} Telco Contacts, ` +
        `${seed.orderLineIds.length} ${ORDER_LINE_OBJECT} records of ` +
        `${seed.contactsWithOrders} of them, ${seed.taskIds.length} Tasks on ` +
        `${seed.contactsWithTasks}`,
      close: () => sandbox.close(),
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
