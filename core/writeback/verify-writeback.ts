import type { Plugin } from '../../plugins/plugin.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';

export interface VerifySummary {
  checked: number;
  matched: number;
  /** Records whose CRM values differ from what we wrote, with the first differing field. */
  mismatches: { recordId: string; field: string; expected: string; actual: string }[];
}

/**
 * Reads written records back from the CRM and compares them with what the store says was
 * written: a successful call is verified, not assumed.
 */
export async function verifyWriteback(
  context: PipelineContext,
  plugin: Plugin,
  recordIds: readonly string[],
): Promise<VerifySummary> {
  const { store, connector, connectionId } = context;
  const summary: VerifySummary = { checked: 0, matched: 0, mismatches: [] };
  if (recordIds.length === 0) return summary;

  const fieldNames = plugin.fields.map((field) => field.name);
  const expected = await store.outbox.lastWritten(
    connectionId,
    plugin.objectType,
    plugin.id,
    recordIds,
  );
  const actual = await connector.fetch(plugin.objectType, recordIds, fieldNames);

  for (const record of actual) {
    const values = expected.get(record.id)?.values;
    if (!values) continue;
    summary.checked += 1;
    const differing = fieldNames.find(
      (name) => normalise(values[name]) !== normalise(record.properties[name]),
    );
    if (differing === undefined) {
      summary.matched += 1;
      continue;
    }
    summary.mismatches.push({
      recordId: record.id,
      field: differing,
      expected: normalise(values[differing]),
      actual: normalise(record.properties[differing]),
    });
  }
  return summary;
}

// CRMs hand every value back as text; compare in that form.
function normalise(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
