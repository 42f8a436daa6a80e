import type { PropertyValue } from '../../core/records/crm-record.js';

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

function toPlainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;

  const [, sign = '', lead = '', fraction = '', exponentText = '0'] = match;
  const digits = lead + fraction;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
