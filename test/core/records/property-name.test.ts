import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toPropertyName } from '../../../core/records/property-name.js';

describe('toPropertyName', () => {
  it('turns the Telco headers into snake_case', () => {
    assert.equal(toPropertyName('MonthlyCharges'), 'monthly_charges');
    assert.equal(toPropertyName('customerID'), 'customer_id');
    assert.equal(toPropertyName('SeniorCitizen'), 'senior_citizen');
    assert.equal(toPropertyName('StreamingTV'), 'streaming_tv');
    assert.equal(toPropertyName('tenure'), 'tenure');
  });

  it('splits acronyms, spaces and punctuation, and keeps digits with their word', () => {
    assert.equal(toPropertyName('HTMLParser'), 'html_parser');
    assert.equal(toPropertyName('Q1Revenue'), 'q1_revenue');
    assert.equal(toPropertyName(' First  Name '), 'first_name');
    assert.equal(toPropertyName('e-mail'), 'e_mail');
    assert.equal(toPropertyName('address2'), 'address2');
    assert.equal(toPropertyName('already_snake'), 'already_snake');
  });

  it('drops accents instead of letters', () => {
    assert.equal(toPropertyName('Café Owner'), 'cafe_owner');
  });

  it('fails with property_name_empty when nothing is left', () => {
    assert.throws(() => toPropertyName('🎉'), { code: 'property_name_empty' });
  });
});
