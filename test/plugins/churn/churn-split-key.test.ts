import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createLogger } from '../../../core/logging/logger.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { splitKey } from '../../../plugins/churn/split-key.js';
import { readTelcoRecords } from './telco-fixture.js';

const logger = createLogger('test.churn');

async function heldOutAuc(records: readonly CrmRecord[], idProperty?: string): Promise<number> {
  const options = {
    target: 'churn',
    families: ['logistic'],
    ...(idProperty === undefined ? {} : { idProperty }),
  };
  const model = await createChurnPlugin().train(records, { logger, seed: 3, options });
  return Number(model.metrics['roc_auc']);
}

describe('churn: the split key', () => {
  it('uses the idProperty value when present, else the record id', () => {
    const record: CrmRecord = {
      id: '003A',
      objectType: 'contacts',
      properties: { customer_id: ' 7590-VHVEG ', blank: ' ' },
      updatedAt: '2024-01-01T00:00:00.000Z',
      archived: false,
    };
    assert.equal(splitKey(record, 'customer_id'), '7590-VHVEG');
    assert.equal(splitKey(record, 'blank'), '003A');
    assert.equal(splitKey(record, 'missing'), '003A');
    assert.equal(splitKey(record, undefined), '003A');
  });

  it('gives the same held-out figures whatever ids the CRM assigned', async () => {
    const telco = readTelcoRecords().slice(0, 1500);
    const renumbered = telco.map((record, index) => ({ ...record, id: `003${9999 - index}` }));

    const byCustomer = await heldOutAuc(telco, 'customer_id');
    assert.equal(await heldOutAuc(renumbered, 'customer_id'), byCustomer);
    assert.equal(await heldOutAuc(telco), byCustomer, 'record id = customer_id here');
  });
});
