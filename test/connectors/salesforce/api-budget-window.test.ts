import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ApiBudget } from '../../../connectors/salesforce/api-budget.js';

test('the rate window is crm-ml’s share of the daily API allowance Sforce-Limit-Info reports', () => {
  const budget = new ApiBudget(0.8);
  assert.equal(budget.window(), undefined, 'nothing reported yet');

  budget.observe(
    { 'sforce-limit-info': 'api-usage=1200/5000; per-app-api-usage=17/250' },
    'sforce-limit-info',
  );
  assert.deepEqual(budget.window(), { remaining: 2800, max: 4000, intervalMs: 86_400_000 });

  budget.observe({ 'sforce-limit-info': 'api-usage=4500/5000' }, 'sforce-limit-info');
  assert.equal(budget.window()?.remaining, 0, 'past the share: nothing left for crm-ml');
});
