import { CrmMlError } from '../errors/crm-ml-error.js';
import type { OrderLineFields, OrderLinesRead } from './order-lines.js';

// Which field each skip reason of `readOrderRows` blames; amount wins over price as it does there.
const FIELD_OF_REASON: Readonly<
  Record<string, (fields: OrderLineFields) => keyof OrderLineFields>
> = {
  no_customer: () => 'customer',
  bad_time: () => 'time',
  no_item: () => 'item',
  bad_quantity: () => 'quantity',
  bad_amount: (fields) => (fields.amount !== undefined ? 'amount' : 'price'),
};

/**
 * When not one order line could be read, the error that names the option and column to blame
 * (the most common skip reason), e.g. `--price Description: no row has a readable value`.
 * Null when some line was read or nothing was skipped.
 */
export function unreadableOrderColumn(
  read: OrderLinesRead,
  fields: OrderLineFields,
): CrmMlError | null {
  if (read.lines.length > 0) return null;
  const [reason, count] = Object.entries(read.skipped).sort((a, b) => b[1] - a[1])[0] ?? [];
  const field = reason === undefined ? undefined : FIELD_OF_REASON[reason]?.(fields);
  const column = field === undefined ? undefined : fields[field];
  if (field === undefined || column === undefined) return null;

  const example = read.examples[0] === undefined ? '' : ` (first: ${read.examples[0]})`;
  return new CrmMlError(
    'csv_column_unreadable',
    `--${field} ${column}: no row has a readable value; ${count ?? 0} rows skipped${example}`,
    { details: [{ path: column, message: `no readable ${field} value in any row` }] },
  );
}
