import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defineField } from '../../../connectors/salesforce/sandbox/field-definition.js';
import { seedRows, startSalesforceSandbox } from '../../../connectors/salesforce/sandbox/index.js';
import { readAll, sandboxConnector } from './salesforce-test-kit.js';

describe('Salesforce connector: custom objects by configuration', () => {
  it('reads orders from a custom object, linked to contacts through its lookup', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const contact = sandbox.data.create('Contact', { LastName: 'Ada' });
      sandbox.data.addCustomObject('Order_Line__c', 'Order Line');
      sandbox.data.addCustomField(
        'Order_Line__c',
        defineField('Contact__c', 'reference', 'Contact', { referenceTo: ['Contact'] }),
      );
      const rows = [
        { InvoiceNo: 'C536379', UnitPrice: '2.55' },
        { InvoiceNo: '536380', UnitPrice: '' },
      ];
      const [lineId] = seedRows(sandbox, 'Order_Line__c', ['InvoiceNo', 'UnitPrice'], rows, {
        extraValues: (index) => ({ Contact__c: index === 0 ? contact : null }),
      });

      const { connector } = sandboxConnector(sandbox, { objects: { orders: 'Order_Line__c' } });
      const { pages } = await readAll(connector, 'orders', null);
      const records = pages.flatMap((page) => page.records);

      assert.equal(records.length, 2);
      const linked = records.find((record) => record.id === lineId);
      assert.ok(linked !== undefined);
      assert.deepEqual(linked.associations, { contacts: [contact] });
      assert.equal(linked.properties['invoice_no'], 'C536379');
      assert.equal(linked.properties['unit_price'], 2.55);
      const unlinked = records.find((record) => record.id !== lineId);
      assert.deepEqual(unlinked?.associations, {});
      assert.equal(await connector.count('orders'), 2);
    } finally {
      await sandbox.close();
    }
  });

  it('reads notes from Tasks linked to their contact through WhoId', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const contact = sandbox.data.create('Contact', { LastName: 'Grace' });
      const at = new Date('2024-05-01T09:30:00.000Z');
      sandbox.data.create(
        'Task',
        { WhoId: contact, Description: 'Great service', Status: 'Completed', Priority: 'Normal' },
        { timestamp: at },
      );

      const { connector } = sandboxConnector(sandbox, { objects: { notes: 'Task' } });
      const [note] = (await readAll(connector, 'notes', null)).pages.flatMap((p) => p.records);

      assert.equal(note?.objectType, 'notes');
      assert.deepEqual(note?.associations, { contacts: [contact] });
      assert.equal(note?.properties['Description'], 'Great service');
      assert.equal(note?.properties['CreatedDate'], at.toISOString());
    } finally {
      await sandbox.close();
    }
  });

  it('refuses a custom object without __c or one that exists', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      assert.throws(() => sandbox.data.addCustomObject('OrderLine', 'x'), {
        code: 'sandbox_bad_custom_object',
      });
      sandbox.data.addCustomObject('Order_Line__c', 'Order Line');
      assert.throws(() => sandbox.data.addCustomObject('order_line__c', 'x'), {
        code: 'sandbox_bad_custom_object',
      });
    } finally {
      await sandbox.close();
    }
  });
});
