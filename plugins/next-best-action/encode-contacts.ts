import type { FeaturePipeline } from '../../core/ml/feature-pipeline.js';
import type { CrmRecord } from '../../core/records/crm-record.js';

/** Each contact's encoded context row by id, with the unreadable numbers met on the way. */
export function encodeContacts(
  pipeline: FeaturePipeline,
  contacts: readonly CrmRecord[],
): { rows: Map<string, Float64Array>; invalidNumbers: Record<string, number> } {
  const { matrix, invalidNumbers } = pipeline.transform(contacts.map((c) => c.properties));
  const rows = new Map<string, Float64Array>();
  contacts.forEach((contact, i) => {
    rows.set(contact.id, matrix.data.slice(i * matrix.cols, (i + 1) * matrix.cols));
  });
  return { rows, invalidNumbers };
}

/** The column means of the encoded rows: the "average contact" explanations compare with. */
export function meanRow(rows: Iterable<Float64Array>, width: number): number[] {
  const sum = new Array<number>(width).fill(0);
  let n = 0;
  for (const row of rows) {
    for (let j = 0; j < width; j++) sum[j] = (sum[j] ?? 0) + (row[j] ?? 0);
    n += 1;
  }
  return sum.map((v) => (n === 0 ? 0 : v / n));
}
