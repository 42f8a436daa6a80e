import { isBlank } from '../../core/ml/values.js';
import type { PropertyValue } from '../../core/records/crm-record.js';

// Target values read as "churned" when no `positive` value is configured.
const DEFAULT_POSITIVES = new Set(['yes', 'true', '1']);

/** 1 for churned, 0 for stayed, undefined when the target is blank (unlabelled). */
export function churnLabel(value: PropertyValue | undefined, positive?: string): 0 | 1 | undefined {
  if (isBlank(value)) return undefined;
  const text = String(value).trim().toLowerCase();
  if (positive !== undefined) return text === positive.trim().toLowerCase() ? 1 : 0;
  return DEFAULT_POSITIVES.has(text) ? 1 : 0;
}
