import type { FieldDefinition, FieldValue } from './field-definition.js';
import type { SaveError } from './salesforce-error.js';
import { formatDateTime, isDate, parseDateTime } from './wire-time.js';

const TEXT_TYPES = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'reference',
]);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Coerced = { value: FieldValue } | { error: SaveError };

function typeError(field: FieldDefinition, raw: unknown): { error: SaveError } {
  return {
    error: {
      statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
      message: `${field.label}: value not of required type: ${String(raw)}`,
      fields: [field.name],
    },
  };
}

/**
 * Converts a wire value (JSON or a CSV cell) to the stored form of `field`, with the error
 * Salesforce gives for a value of the wrong type, too long, or outside a restricted picklist.
 * null and '' unset the field.
 */
export function coerceValue(field: FieldDefinition, raw: unknown): Coerced {
  if (raw === null || raw === '') return { value: null };

  if (TEXT_TYPES.has(field.type)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') return typeError(field, raw);
    const text = String(raw);
    if (field.length > 0 && text.length > field.length) {
      return {
        error: {
          statusCode: 'STRING_TOO_LONG',
          message: `${field.label}: data value too large: ${text} (max length=${field.length})`,
          fields: [field.name],
        },
      };
    }
    if (field.type === 'email' && !EMAIL_PATTERN.test(text)) {
      return {
        error: {
          statusCode: 'INVALID_EMAIL_ADDRESS',
          message: `${field.label}: invalid email address: ${text}`,
          fields: [field.name],
        },
      };
    }
    if (field.restrictedPicklist && !field.picklistValues.includes(text)) {
      return {
        error: {
          statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          message: `${field.label}: bad value for restricted picklist field: ${text}`,
          fields: [field.name],
        },
      };
    }
    return { value: text };
  }

  if (NUMBER_TYPES.has(field.type)) {
    const number = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
    if (!Number.isFinite(number)) return typeError(field, raw);
    // Salesforce rounds to the field's scale on save.
    const factor = 10 ** field.scale;
    return {
      value: field.type === 'int' ? Math.round(number) : Math.round(number * factor) / factor,
    };
  }

  if (field.type === 'boolean') {
    if (typeof raw === 'boolean') return { value: raw };
    if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
    return typeError(field, raw);
  }

  if (field.type === 'date') {
    return typeof raw === 'string' && isDate(raw) ? { value: raw } : typeError(field, raw);
  }

  if (field.type === 'datetime') {
    const at = typeof raw === 'string' ? parseDateTime(raw) : NaN;
    return Number.isNaN(at) ? typeError(field, raw) : { value: formatDateTime(at) };
  }

  return typeError(field, raw);
}
