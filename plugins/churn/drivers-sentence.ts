import { isBlank, type PropertyRow } from '../../core/ml/values.js';
import type { PropertyValue } from '../../core/records/crm-record.js';

/** How many properties a drivers sentence names. */
export const DRIVER_COUNT = 3;

// Contributions smaller than this (in log-odds) are noise, not drivers.
const MIN_EFFECT = 1e-6;
const MAX_VALUE_LENGTH = 40;

// Drivers name the same few properties on every record: each name is humanised once.
const humanised = new Map<string, string>();
const MAX_HUMANISED = 10_000;

/** `monthly_charges` → `monthly charges`; `annualRevenue` → `annual revenue`. */
export function humanisePropertyName(name: string): string {
  const known = humanised.get(name);
  if (known !== undefined) return known;
  const label = humanise(name);
  if (humanised.size < MAX_HUMANISED) humanised.set(name, label);
  return label;
}

function humanise(name: string): string {
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
  const led = strongest(sources, contributions, lead === 'up' ? 1 : -1);
  const chosen = led.length > 0 ? led : strongest(sources, contributions, lead === 'up' ? -1 : 1);
  const arrow = led.length > 0 === (lead === 'up') ? '↑' : '↓';

  let sentence = '';
  for (const i of chosen) {
    const source = sources[i] ?? '';
    const part = `${humanisePropertyName(source)} ${displayValue(row[source])} ${arrow}`;
    sentence = sentence === '' ? part : `${sentence}, ${part}`;
  }
  return sentence;
}

/**
 * Indices of the `DRIVER_COUNT` properties moving the score most in direction `sign`
 * (beyond `MIN_EFFECT`), strongest first, equal effects by name. Kept in a short sorted
 * list rather than sorting every property, and without closures: this runs once per record.
 */
function strongest(
  sources: readonly string[],
  contributions: ArrayLike<number>,
  sign: 1 | -1,
): number[] {
  const picked: number[] = [];
  for (let i = 0; i < sources.length; i++) {
    const effect = sign * (contributions[i] ?? 0);
    if (!(effect > MIN_EFFECT)) continue;
    let at = picked.length;
    while (at > 0 && ahead(i, effect, picked[at - 1] ?? 0, sources, contributions, sign)) at--;
    if (at >= DRIVER_COUNT) continue;
    picked.splice(at, 0, i);
    if (picked.length > DRIVER_COUNT) picked.pop();
  }
  return picked;
}

/** Whether property `a` (of effect `effectA`) ranks before property `b`. */
function ahead(
  a: number,
  effectA: number,
  b: number,
  sources: readonly string[],
  contributions: ArrayLike<number>,
  sign: 1 | -1,
): boolean {
  const effectB = sign * (contributions[b] ?? 0);
  return effectA > effectB || (effectA === effectB && (sources[a] ?? '') < (sources[b] ?? ''));
}
