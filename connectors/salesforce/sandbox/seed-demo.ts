import { buildDemoData, type DemoDataOptions } from '../../../core/demo/demo-data.js';
import { defineField } from './field-definition.js';
import { seedFromCsv, seedRows, TELCO_SEED_PATH } from './seed-from-csv.js';
import type { SalesforceSandbox } from './start-salesforce-sandbox.js';

/** The custom object holding the demo's order lines, and its lookup to the buying contact. */
export const ORDER_LINE_OBJECT = 'Order_Line__c';
export const ORDER_LINE_CONTACT_FIELD = 'Contact__c';

/** What `seedSalesforceDemo` created. */
export interface SalesforceDemoSeed {
  contactIds: string[];
  orderLineIds: string[];
  taskIds: string[];
  /** Contacts with at least one order line. */
  contactsWithOrders: number;
  /** Contacts that got at least one Task. */
  contactsWithTasks: number;
}

/**
 * Seeds the demo org with the data of the HubSpot demo, shaped as an org holds it: the 7,043
 * Telco customers as Contacts (columns → custom fields, as `seedFromCsv` does), the Online
 * Retail order lines as `Order_Line__c` records with a `Contact__c` lookup, and the UCI
 * sentences as completed Tasks on the contact (WhoId, Description, ActivityDate, and the
 * note's time as CreatedDate). Customers get the same orders and notes as in the HubSpot
 * demo, by position (`buildDemoData`).
 */
export async function seedSalesforceDemo(
  sandbox: SalesforceSandbox,
  options: DemoDataOptions = {},
): Promise<SalesforceDemoSeed> {
  const contactIds = await seedFromCsv(sandbox, 'Contact', TELCO_SEED_PATH);
  const timestamp = sandbox.data.now();
  const demo = await buildDemoData(contactIds.length, timestamp, options);
  const contactAt = (index: number): string => contactIds[index] ?? '';

  sandbox.data.addCustomObject(ORDER_LINE_OBJECT, 'Order Line', 'Order Lines');
  sandbox.data.addCustomField(
    ORDER_LINE_OBJECT,
    defineField(ORDER_LINE_CONTACT_FIELD, 'reference', 'Contact', {
      length: 18,
      referenceTo: ['Contact'],
    }),
  );
  const orderLineIds = seedRows(
    sandbox,
    ORDER_LINE_OBJECT,
    demo.retailColumns,
    demo.orderLines.map((line) => line.row),
    {
      timestamp,
      extraValues: (index) => ({
        [ORDER_LINE_CONTACT_FIELD]: contactAt(demo.orderLines[index]?.customerIndex ?? -1),
      }),
    },
  );

  // Each Task is created at its note's time, so CreatedDate says when the text was written.
  const taskIds = demo.notes.map((note) =>
    sandbox.data.create(
      'Task',
      {
        WhoId: contactAt(note.customerIndex),
        Subject: 'Note',
        Description: note.body,
        ActivityDate: note.at,
        Status: 'Completed',
        Priority: 'Normal',
      },
      { timestamp: note.at },
    ),
  );

  return {
    contactIds,
    orderLineIds,
    taskIds,
    contactsWithOrders: new Set(demo.retailCustomers.values()).size,
    contactsWithTasks: demo.customersWithNotes,
  };
}
