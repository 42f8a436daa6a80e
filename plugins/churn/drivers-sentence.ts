import { isBlank, type PropertyRow } from '../../core/ml/values.js';
import type { PropertyValue } from '../../core/records/crm-record.js';

/** How many properties a drivers sentence names. */
export const DRIVER_COUNT = 3;

// Contributions smaller than this (in log-odds) are noise, not drivers.
const MIN_EFFECT = 1e-6;
const MAX_VALUE_LENGTH = 40;

/** `monthly_charges` → `monthly charges`; `annualRevenue` → `annual revenue`. */
export function humanisePropertyName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
}

function displayValue(value: PropertyValue | undefined): string {
  if (isBlank(value)) return 'missing';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
  }
  const text = String(value).trim();
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** Which way the sentence leads: what pushes the score up (↑) or what holds it down (↓). */
export type DriverDirection = 'up' | 'down';

/**
 * One line naming the properties that move the score most in the `lead` direction, e.g.
 * "contract Month-to-month ↑, tenure 2 ↑, internet service Fiber optic ↑", or for a
 * low-risk record "contract Two year ↓, tenure 60 ↓, …"; when nothing moves it that way,
 * the strongest in the other direction instead.
 */
export function describeDrivers(
  row: PropertyRow,
  sources: readonly string[],
  contributions: ArrayLike<number>,
  lead: DriverDirection = 'up',
): string {
  const effects = sources.map((source, i) => ({ source, effect: contributions[i] ?? 0 }));
  const byName = (a: { source: string }, b: { source: string }) => (a.source < b.source ? -1 : 1);
  const strongest = (sign: 1 | -1) =>
    effects
      .filter((e) => sign * e.effect > MIN_EFFECT)
      .sort((a, b) => sign * (b.effect - a.effect) || byName(a, b));

  const led = strongest(lead === 'up' ? 1 : -1);
  const other = strongest(lead === 'up' ? -1 : 1);
  const chosen = led.length > 0 ? led : other;
  const arrow = led.length > 0 === (lead === 'up') ? '↑' : '↓';

  return chosen
    .slice(0, DRIVER_COUNT)
    .map((e) => `${humanisePropertyName(e.source)} ${displayValue(row[e.source])} ${arrow}`)
    .join(', ');
}
