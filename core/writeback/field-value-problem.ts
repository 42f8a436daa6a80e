import type { FieldSpec } from '../../connectors/connector.js';
import type { PropertyValue } from '../records/crm-record.js';

/**
 * Why `value` cannot go into a field declared as `spec`, or null when it fits. Lenient where
 * CRMs differ (text takes anything, numbers may come as numeric strings): it only catches
 * what every CRM refuses, so no call is spent on it. null and '' clear a field.
 */
export function fieldValueProblem(value: PropertyValue, spec: FieldSpec): string | null {
  if (value === null || value === '') return null;

  switch (spec.type) {
    case 'number':
      return isNumeric(value) ? null : 'is not a finite number';
    case 'datetime':
      if (isNumeric(value)) return null;
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? null
        : 'is neither an ISO 8601 date-time nor epoch milliseconds';
    case 'enumeration':
      return optionProblem(String(value), spec.options ?? []);
    case 'string':
    case 'text':
      return null;
  }
}

function isNumeric(value: PropertyValue): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

function optionProblem(text: string, options: NonNullable<FieldSpec['options']>): string | null {
  if (options.length === 0) return null;
  const allowed = new Set(options.map((option) => option.value));
  // Multi-select values join options with ';'.
  if (text.split(';').every((part) => allowed.has(part))) return null;
  return `is not one of the field's options (${[...allowed].join(', ')})`;
}
