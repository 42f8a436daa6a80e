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

/**
 * One line naming the properties that raise the score most, e.g.
 * "contract Month-to-month ↑, tenure 2 ↑, internet service Fiber optic ↑"; when nothing
 * raises it, the ones that lower it most, with ↓.
 */
export function describeDrivers(
  row: PropertyRow,
  sources: readonly string[],
  contributions: ArrayLike<number>,
): string {
  const effects = sources.map((source, i) => ({ source, effect: contributions[i] ?? 0 }));
  const byName = (a: { source: string }, b: { source: string }) => (a.source < b.source ? -1 : 1);

  const up = effects
    .filter((e) => e.effect > MIN_EFFECT)
    .sort((a, b) => b.effect - a.effect || byName(a, b));
  const chosen =
    up.length > 0
      ? up
      : effects
          .filter((e) => e.effect < -MIN_EFFECT)
          .sort((a, b) => a.effect - b.effect || byName(a, b));
  const arrow = up.length > 0 ? '↑' : '↓';

  return chosen
    .slice(0, DRIVER_COUNT)
    .map((e) => `${humanisePropertyName(e.source)} ${displayValue(row[e.source])} ${arrow}`)
    .join(', ');
}
