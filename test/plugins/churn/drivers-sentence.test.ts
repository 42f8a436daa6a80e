import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { describeDrivers, humanisePropertyName } from '../../../plugins/churn/drivers-sentence.js';

describe('drivers sentence', () => {
  const row = {
    contract: 'Month-to-month',
    tenure: '2',
    internet_service: 'Fiber optic',
    gender: 'Male',
    total_charges: ' ',
  };
  const sources = ['contract', 'gender', 'internet_service', 'tenure', 'total_charges'];

  it('lists the three strongest upward drivers, humanised, strongest first', () => {
    const sentence = describeDrivers(row, sources, [0.9, 0.01, 0.3, 0.5, -0.2]);
    assert.equal(sentence, 'contract Month-to-month ↑, tenure 2 ↑, internet service Fiber optic ↑');
  });

  it('falls back to downward drivers when nothing raises the risk', () => {
    const sentence = describeDrivers(row, sources, [-0.1, 0, -0.7, -0.05, -0.3]);
    assert.equal(
      sentence,
      'internet service Fiber optic ↓, total charges missing ↓, contract Month-to-month ↓',
    );
  });

  it('leads a low-risk sentence with what holds the risk down, strongest first', () => {
    const sentence = describeDrivers(row, sources, [-0.9, 0.01, 0.3, -0.5, -0.2], 'down');
    assert.equal(sentence, 'contract Month-to-month ↓, tenure 2 ↓, total charges missing ↓');
  });

  it('falls back to upward drivers when nothing holds a low risk down', () => {
    const sentence = describeDrivers(row, sources, [0, 0.2, 0, 0.4, 0], 'down');
    assert.equal(sentence, 'tenure 2 ↑, gender Male ↑');
  });

  it('humanises snake_case and camelCase names', () => {
    assert.equal(humanisePropertyName('monthly_charges'), 'monthly charges');
    assert.equal(humanisePropertyName('annualRevenue'), 'annual revenue');
  });
});
