import type { FieldSpec } from '../../connectors/connector.js';
import type { Plugin } from '../../plugins/plugin.js';

/** Every CRM field crm-ml writes starts with this, so its own writes are easy to tell apart. */
export const OWN_FIELD_PREFIX = 'crm_ml_';

/** When the values on a record were computed; written with every changed record. */
export const SCORED_AT_FIELD = 'crm_ml_scored_at';

/** Which model computed them, e.g. `churn v3`. */
export const MODEL_VERSION_FIELD = 'crm_ml_model_version';

const META_FIELDS: readonly FieldSpec[] = [
  {
    name: SCORED_AT_FIELD,
    label: 'crm-ml scored at',
    description: 'When crm-ml last computed the values on this record.',
    type: 'datetime',
  },
  {
    name: MODEL_VERSION_FIELD,
    label: 'crm-ml model version',
    description: 'The crm-ml model versions behind the values on this record.',
    type: 'string',
  },
];

/** True for a property crm-ml writes itself. */
export function isOwnField(name: string): boolean {
  return name.startsWith(OWN_FIELD_PREFIX);
}

/** All fields to provision: each plugin's own, then the bookkeeping fields. */
export function fieldsToProvision(plugins: readonly Plugin[]): FieldSpec[] {
  return [...plugins.flatMap((plugin) => plugin.fields), ...META_FIELDS];
}

/**
 * The plugins that write to any of these fields: each plugin with one of them, and all of them
 * when a bookkeeping field is among them, since every write carries those. When such fields
 * are created afresh or removed, the CRM has lost what these plugins wrote.
 */
export function pluginsWritingTo(plugins: readonly Plugin[], names: readonly string[]): Plugin[] {
  const wanted = new Set(names);
  if (META_FIELDS.some((field) => wanted.has(field.name))) return [...plugins];
  return plugins.filter((plugin) => plugin.fields.some((field) => wanted.has(field.name)));
}
