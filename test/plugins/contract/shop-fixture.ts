import { SeededRandom } from '../../../core/ml/random.js';
import type { CrmRecord, ObjectType, PropertyValue } from '../../../core/records/crm-record.js';
import type { RelatedRecords } from '../../../plugins/plugin.js';

/** The fixed "now" of the shop: the latest order is a day before it. */
export const SHOP_NOW = Date.parse('2025-06-30T12:00:00Z');
const DAY_MS = 86_400_000;
const PRODUCTS = ['mug', 'lamp', 'vase', 'tray', 'clock', 'frame', 'candle', 'rug'];
const NOTES = [
  'Great service, very happy with the delivery.',
  'Terrible delay, the parcel arrived broken and I am angry.',
  'Works well, thanks for the quick refund.',
  'Support never answered, awful experience, I want to cancel.',
];

/** A small generated shop: contacts with a churn label, their orders and notes. */
export interface Shop {
  contacts: CrmRecord[];
  orders: CrmRecord[];
  notes: CrmRecord[];
}

function record(
  objectType: ObjectType,
  id: string,
  properties: Record<string, PropertyValue>,
  contacts?: string[],
): CrmRecord {
  return {
    id,
    objectType,
    properties,
    updatedAt: new Date(SHOP_NOW - DAY_MS).toISOString(),
    archived: false,
    ...(contacts === undefined ? {} : { associations: { contacts } }),
  };
}

const daysAgo = (days: number): string => new Date(SHOP_NOW - days * DAY_MS).toISOString();

/**
 * 80 contacts (month-to-month, short-tenure customers churn more), orders for three in four
 * of them (some within the last 30 days), and notes for every third. Same seed, same shop.
 */
export function generateShop(seed = 11, count = 80): Shop {
  const rng = new SeededRandom(seed);
  const shop: Shop = { contacts: [], orders: [], notes: [] };
  let invoice = 5000;

  for (let i = 0; i < count; i += 1) {
    const id = `c${i}`;
    const monthly = i % 2 === 0;
    const tenure = Math.floor(rng.next() * 70);
    const risk = (monthly ? 0.5 : 0.1) + (tenure < 12 ? 0.3 : 0);
    shop.contacts.push(
      record('contacts', id, {
        tenure: String(tenure),
        monthly_charges: String(20 + Math.round(rng.next() * 80)),
        contract: monthly ? 'Month-to-month' : 'Two year',
        churn: rng.next() < risk ? 'Yes' : 'No',
      }),
    );

    if (i % 4 !== 3) {
      const orders = 1 + rng.nextInt(6);
      for (let o = 0; o < orders; o += 1) {
        const product = PRODUCTS[(i + o * 3) % PRODUCTS.length] as string;
        const quantity = 1 + rng.nextInt(4);
        shop.orders.push(
          record(
            'orders',
            `${id}-o${o}`,
            {
              hs_product_id: product,
              name: product.toUpperCase(),
              quantity: String(quantity),
              amount: String(quantity * (5 + (i % 7))),
              invoice: String(invoice++),
              createdate: daysAgo(1 + Math.floor(rng.next() * 300)),
            },
            [id],
          ),
        );
      }
    }
    if (i % 3 === 0) {
      for (let n = 0; n < 2; n += 1) {
        const body = NOTES[(i + n) % NOTES.length] as string;
        shop.notes.push(
          record(
            'notes',
            `${id}-n${n}`,
            { hs_note_body: body, hs_timestamp: daysAgo(5 + n * 20) },
            [id],
          ),
        );
      }
    }
  }
  return shop;
}

/** The shop's orders and notes as `related`. */
export function shopRelated(
  shop: Shop,
  extra: Partial<Record<'orders' | 'notes', CrmRecord[]>> = {},
): RelatedRecords {
  return new Map<ObjectType, CrmRecord[]>([
    ['orders', [...shop.orders, ...(extra.orders ?? [])]],
    ['notes', [...shop.notes, ...(extra.notes ?? [])]],
  ]);
}

/** Orders a CRM really holds: a return, a cancellation, no customer, unreadable values. */
export function badOrders(customer: string): CrmRecord[] {
  const base = { hs_product_id: 'mug', name: 'MUG', quantity: '1', amount: '5', invoice: '9001' };
  return [
    record(
      'orders',
      'bad-return',
      { ...base, quantity: '-3', amount: '-15', createdate: daysAgo(3) },
      [customer],
    ),
    record('orders', 'bad-cancelled', { ...base, invoice: 'C9002', createdate: daysAgo(4) }, [
      customer,
    ]),
    record('orders', 'bad-orphan', { ...base, createdate: daysAgo(5) }),
    record('orders', 'bad-date', { ...base, createdate: 'last Tuesday' }, [customer]),
    record(
      'orders',
      'bad-amount',
      { ...base, amount: 'twelve', quantity: 'two', createdate: daysAgo(6) },
      [customer],
    ),
    record('orders', 'bad-item', { ...base, hs_product_id: '', createdate: daysAgo(7) }, [
      customer,
    ]),
  ];
}

/** Notes a CRM really holds: empty, HTML, emoji only, huge, unlinked, undated. */
export function badNotes(customer: string): CrmRecord[] {
  return [
    record('notes', 'bad-empty', { hs_note_body: '', hs_timestamp: daysAgo(2) }, [customer]),
    record(
      'notes',
      'bad-html',
      { hs_note_body: '<p><b>Awful</b> support</p><script>x()</script>', hs_timestamp: daysAgo(2) },
      [customer],
    ),
    record('notes', 'bad-emoji', { hs_note_body: '😡😡😡', hs_timestamp: daysAgo(2) }, [customer]),
    record(
      'notes',
      'bad-huge',
      { hs_note_body: 'slow delivery '.repeat(20_000), hs_timestamp: daysAgo(2) },
      [customer],
    ),
    record('notes', 'bad-orphan', { hs_note_body: 'Who wrote this?', hs_timestamp: daysAgo(2) }),
    record('notes', 'bad-undated', { hs_note_body: 'Fine.', hs_timestamp: 'soon' }, [customer]),
  ];
}
