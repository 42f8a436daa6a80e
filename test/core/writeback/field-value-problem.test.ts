import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { FieldSpec } from '../../../connectors/connector.js';
import { fieldValueProblem } from '../../../core/writeback/field-value-problem.js';

const spec = (type: FieldSpec['type'], options?: FieldSpec['options']): FieldSpec => ({
  name: 'crm_ml_x',
  label: 'X',
  description: 'test',
  type,
  ...(options === undefined ? {} : { options }),
});

describe('fieldValueProblem: what every CRM refuses, caught before a call', () => {
  it('takes numbers and numeric strings in a number field, nothing else', () => {
    for (const value of [0.25, -3, '17', ' 2.5 ', null, '']) {
      assert.equal(fieldValueProblem(value, spec('number')), null, JSON.stringify(value));
    }
    for (const value of ['notanumber', Number.NaN, Infinity, true, ' ']) {
      assert.match(fieldValueProblem(value, spec('number')) ?? '', /not a finite number/);
    }
  });

  it('takes ISO 8601 and epoch milliseconds in a datetime field', () => {
    for (const value of [
      '2026-12-04T08:00:00.000Z',
      '2026-12-04',
      1_764_835_200_000,
      '1764835200000',
    ]) {
      assert.equal(fieldValueProblem(value, spec('datetime')), null, String(value));
    }
    assert.match(fieldValueProblem('yesterday', spec('datetime')) ?? '', /ISO 8601/);
  });

  it("takes only the field's options in an enumeration, several joined by ';'", () => {
    const bands = spec('enumeration', [
      { value: 'low', label: 'Low' },
      { value: 'high', label: 'High' },
    ]);
    assert.equal(fieldValueProblem('low', bands), null);
    assert.equal(fieldValueProblem('low;high', bands), null);
    assert.equal(
      fieldValueProblem('medium', bands),
      "is not one of the field's options (low, high)",
    );
    assert.equal(fieldValueProblem('anything', spec('enumeration')), null, 'no options declared');
  });

  it('takes any value in text fields', () => {
    for (const value of ['words', 12, true]) {
      assert.equal(fieldValueProblem(value, spec('string')), null);
      assert.equal(fieldValueProblem(value, spec('text')), null);
    }
  });
});
