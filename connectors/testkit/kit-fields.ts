import type { FieldSpec } from '../connector.js';

/** The property that tells kit records apart. */
export const LABEL = 'crm_ml_kit_label';
/** A long-text property for unicode and 50,000-character values. */
export const NOTE = 'crm_ml_kit_note';
/** A second short property, for null next to ''. */
export const EXTRA = 'crm_ml_kit_extra';

/**
 * The fields every check provisions before it seeds: short names in crm-ml's snake_case, so
 * each CRM maps them the way it maps crm-ml's own fields.
 */
export const KIT_FIELDS: readonly FieldSpec[] = [
  { name: LABEL, label: 'Kit label', description: 'Conformance kit: record label', type: 'string' },
  { name: NOTE, label: 'Kit note', description: 'Conformance kit: long text', type: 'text' },
  { name: EXTRA, label: 'Kit extra', description: 'Conformance kit: blank values', type: 'string' },
];

/**
 * A number field, provisioned only by the check that writes a value the CRM must refuse, so
 * CRMs that store any text still pass every other check.
 */
export const KIT_SCORE: FieldSpec = {
  name: 'crm_ml_kit_score',
  label: 'Kit score',
  description: 'Conformance kit: a number',
  type: 'number',
};

export const KIT_PROPERTIES: readonly string[] = KIT_FIELDS.map((field) => field.name);

/** `count` records labelled `prefix-0`, `prefix-1`, … with every other kit field unset. */
export function labelled(prefix: string, count: number): SeedRecordList {
  return Array.from({ length: count }, (_unused, index) => ({
    [LABEL]: `${prefix}-${index}`,
    [NOTE]: null,
    [EXTRA]: null,
  }));
}

type SeedRecordList = Record<string, string | null>[];
