import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNumber } from '../../../core/csv/parse-number.js';

describe('parseNumber', () => {
  it('reads plain decimals, signs, exponents and surrounding spaces', () => {
    assert.equal(parseNumber('29.85'), 29.85);
    assert.equal(parseNumber('-3'), -3);
    assert.equal(parseNumber('+.5'), 0.5);
    assert.equal(parseNumber('1e3'), 1000);
    assert.equal(parseNumber(' 42 '), 42);
  });

  it('reads comma thousands separators only in groups of three', () => {
    assert.equal(parseNumber('1,234.5'), 1234.5);
    assert.equal(parseNumber('-12,345,678'), -12345678);
    assert.equal(parseNumber('1,5'), null);
    assert.equal(parseNumber('12,34'), null);
  });

  it('returns null for blanks, words and anything that is not finite', () => {
    for (const value of ['', ' ', 'abc', 'NaN', 'Infinity', '1e999', '0x10', '12abc', '1.2.3']) {
      assert.equal(parseNumber(value), null, value);
    }
  });
});
