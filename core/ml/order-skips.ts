import type { OrderLineFields } from './order-lines.js';

// Each skip reason of `readOrderRecords`, said with the property it read.
const REASONS: Readonly<Record<string, (fields: OrderLineFields) => string>> = {
  no_customer: () => 'linked to no contact',
  bad_time: (fields) => `with no readable time in '${fields.time}'`,
  dated_after_now: () => 'dated after today',
  no_item: (fields) => `with no item id in '${fields.item ?? ''}'`,
  bad_quantity: (fields) => `with no readable quantity in '${fields.quantity ?? ''}'`,
  bad_amount: (fields) => `with no readable amount in '${fields.amount ?? fields.price ?? ''}'`,
};

/**
 * The order lines skipped, most common reason first, each naming the property it read, e.g.
 * `12 with no readable time in 'createdate', 2 linked to no contact`; '' when none were.
 */
export function describeOrderSkips(
  skipped: Readonly<Record<string, number>>,
  fields: OrderLineFields,
): string {
  return Object.entries(skipped)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `${count} ${REASONS[reason]?.(fields) ?? reason}`)
    .join(', ');
}
