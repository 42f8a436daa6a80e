import type { OrderLine } from '../../core/ml/order-lines.js';

/** Items known to a model: ids in a fixed order and their latest readable names. */
export interface Catalogue {
  items: string[];
  names: string[];
  index: ReadonlyMap<string, number>;
}

/** Each customer's purchases: item index → time of the latest purchase (epoch ms). */
export type PurchaseHistories = Map<string, Map<number, number>>;

/** Purchases only: returns and cancellations are not evidence of wanting an item. */
export function purchasesOnly(lines: readonly OrderLine[]): OrderLine[] {
  return lines.filter((line) => !line.returned && line.item !== null && line.quantity > 0);
}

/** The catalogue of the purchased items, sorted by id so it never depends on row order. */
export function buildCatalogue(purchases: readonly OrderLine[]): Catalogue {
  const latestName = new Map<string, { name: string; time: number }>();
  for (const line of purchases) {
    const item = line.item as string;
    const seen = latestName.get(item);
    if (!seen || (line.name !== null && line.time >= seen.time)) {
      latestName.set(item, { name: line.name ?? seen?.name ?? item, time: line.time });
    }
  }
  const items = [...latestName.keys()].sort();
  return {
    items,
    names: items.map((item) => latestName.get(item)?.name ?? item),
    index: new Map(items.map((item, i) => [item, i])),
  };
}

/** Histories of the purchases in [from, to) of catalogue items; other items are ignored. */
export function buildHistories(
  purchases: readonly OrderLine[],
  catalogue: Catalogue,
  from = -Infinity,
  to = Infinity,
): PurchaseHistories {
  const histories: PurchaseHistories = new Map();
  for (const line of purchases) {
    if (line.time < from || line.time >= to) continue;
    const item = catalogue.index.get(line.item as string);
    if (item === undefined) continue;

    let history = histories.get(line.customer);
    if (!history) histories.set(line.customer, (history = new Map()));
    history.set(item, Math.max(history.get(item) ?? -Infinity, line.time));
  }
  return histories;
}

/** Customers' distinct items as sorted index lists, customers in id order. */
export function itemLists(histories: PurchaseHistories): Int32Array[] {
  return [...histories.keys()]
    .sort()
    .map((customer) =>
      Int32Array.from((histories.get(customer) as Map<number, number>).keys()).sort(),
    );
}
