import type { PropertyValue } from '../../core/records/crm-record.js';
import { toPlainDecimal } from '../shared/plain-decimal.js';

/**
 * A value as HubSpot's property API takes it: a string. Numbers become plain decimals (HubSpot
 * rejects exponent notation such as `1e-7`), null becomes '' (which clears the property).
 * Returns null for a number HubSpot cannot store (NaN, Infinity).
 */
export function toHubSpotValue(value: PropertyValue): string | null {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!Number.isFinite(value)) return null;
  return toPlainDecimal(value);
}
