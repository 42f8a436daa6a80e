import { MissingDataError } from '../missing-data-error.js';
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

/** How many distinct target values an error message lists. */
const VALUES_SHOWN = 10;

/**
 * Stops before training when the target cannot teach anything, naming the target, what was
 * found and what to set: no record has a value for it (a wrong property name), or every value
 * reads as the same class (a `positive` value that matches none, or all).
 */
export function assertTargetUsable(
  values: readonly (PropertyValue | undefined)[],
  target: string,
  positive: string | undefined,
  propertiesSeen: readonly string[],
): void {
  const present = values.filter((value) => !isBlank(value)).map((value) => String(value).trim());
  if (present.length === 0) {
    const seen = propertiesSeen.slice(0, 30).join(', ') || 'none';
    throw new MissingDataError(
      'churn_target_missing',
      `No record has a value for the churn target '${target}'`,
      {
        details: [{ path: target, message: `no values; properties seen: ${seen}` }],
      },
    );
  }

  const labels = new Set(present.map((value) => churnLabel(value, positive)));
  if (labels.size > 1) return;
  const distinct = [...new Set(present)].slice(0, VALUES_SHOWN).join(', ');
  const meaning = positive === undefined ? `'Yes', 'true' or '1'` : `'${positive}'`;
  throw new MissingDataError(
    'churn_target_one_class',
    `Every value of '${target}' reads as ${labels.has(1) ? 'churned' : 'not churned'}: ` +
      `values seen: ${distinct}; churned means ${meaning} (set the positive value)`,
    { details: [{ path: target, message: `values seen: ${distinct}` }] },
  );
}
