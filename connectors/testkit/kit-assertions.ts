import assert from 'node:assert/strict';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { WriteOutcome } from '../connector.js';

/** Every expected id appears exactly once among `records`, and no other id does. */
export function assertEachOnce(records: readonly CrmRecord[], expected: readonly string[]): void {
  const seen = new Map<string, number>();
  for (const record of records) seen.set(record.id, (seen.get(record.id) ?? 0) + 1);

  const missing = expected.filter((id) => !seen.has(id));
  const repeated = [...seen].filter(([, times]) => times > 1).map(([id]) => id);
  const unknown = [...seen.keys()].filter((id) => !expected.includes(id));
  assert.deepEqual(
    { missing: sample(missing), repeated: sample(repeated), unknown: sample(unknown) },
    { missing: [], repeated: [], unknown: [] },
    `${records.length} records read for ${expected.length} expected`,
  );
}

/** Every expected id appears at least once among `records` (repeats allowed). */
export function assertIncludesAll(
  records: readonly CrmRecord[],
  expected: readonly string[],
): void {
  const seen = new Set(records.map((record) => record.id));
  const missing = expected.filter((id) => !seen.has(id));
  assert.deepEqual(sample(missing), [], `${missing.length} of ${expected.length} records missing`);
}

/** The record with `id`, failing the check when there is none. */
export function recordWithId(records: readonly CrmRecord[], id: string): CrmRecord {
  const found = records.findLast((record) => record.id === id);
  assert.ok(found, `record ${id} was not returned`);
  return found;
}

/** Up to ten ids, enough to debug without flooding the report. */
function sample(ids: readonly string[]): string[] {
  return ids.length <= 10 ? [...ids] : [...ids.slice(0, 10), `… ${ids.length - 10} more`];
}

/** Every outcome is a success; failures are shown with their message cut short. */
export function assertAllWritten(outcomes: readonly WriteOutcome[], ids: readonly string[]): void {
  assert.deepEqual(outcomes.map((outcome) => outcome.recordId).sort(), [...ids].sort());
  const failed = outcomes.flatMap((outcome) =>
    outcome.ok ? [] : [`${outcome.recordId}: ${outcome.code}: ${outcome.message.slice(0, 160)}`],
  );
  assert.deepEqual(failed, [], 'writes failed');
}
