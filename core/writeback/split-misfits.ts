import type { FieldSpec } from '../../connectors/connector.js';
import type { Plugin } from '../../plugins/plugin.js';
import type { OutboxEntry } from '../store/index.js';
import { fieldValueProblem } from './field-value-problem.js';
import type { RecordWrite } from './merge-entries.js';

// Messages show the start of a long value: enough to recognise it, small enough to store.
const SHOWN_VALUE_CHARS = 80;

/** A plugin's values for one record that no CRM would take, with what is wrong, by field. */
export interface Misfit {
  recordId: string;
  entry: OutboxEntry;
  message: string;
}

/**
 * Takes out of the writes every entry with a value that does not fit the field its plugin
 * declared (a word in a number field, an option the field lacks), so it fails alone before
 * any call, and the CRM never refuses a whole batch over it. Entries of plugins not loaded
 * now go unchecked; the CRM still judges them.
 */
export function splitMisfits(
  writes: readonly RecordWrite[],
  plugins: readonly Plugin[],
): { sendable: RecordWrite[]; misfits: Misfit[] } {
  const specs = new Map(
    plugins.map((plugin) => [plugin.id, new Map(plugin.fields.map((f) => [f.name, f]))]),
  );
  const misfits: Misfit[] = [];
  const sendable: RecordWrite[] = [];

  for (const write of writes) {
    const kept: OutboxEntry[] = [];
    for (const entry of write.entries) {
      const problems = entryProblems(entry, specs.get(entry.pluginId));
      if (problems.length === 0) {
        kept.push(entry);
        continue;
      }
      const message =
        `Plugin ${entry.pluginId} gave record ${write.recordId} values its fields cannot ` +
        `hold: ${problems.join('; ')}`;
      misfits.push({ recordId: write.recordId, entry, message });
    }
    if (kept.length > 0) sendable.push({ ...write, entries: kept });
  }
  return { sendable, misfits };
}

function entryProblems(
  entry: OutboxEntry,
  fields: ReadonlyMap<string, FieldSpec> | undefined,
): string[] {
  if (fields === undefined) return [];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(entry.values)) {
    const spec = fields.get(name);
    const problem = spec === undefined ? null : fieldValueProblem(value, spec);
    if (spec === undefined || problem === null) continue;
    problems.push(`${name} (${spec.type}) = ${shown(value)} ${problem}`);
  }
  return problems;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > SHOWN_VALUE_CHARS ? `${text.slice(0, SHOWN_VALUE_CHARS)}…` : text;
}
