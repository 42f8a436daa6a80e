import type { CrmRecord } from '../../../core/records/crm-record.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { createNextPurchasePlugin } from '../../../plugins/next-purchase/index.js';
import { createRecommendationsPlugin } from '../../../plugins/recommendations/index.js';
import { createSegmentsPlugin } from '../../../plugins/segments/index.js';
import { createSentimentPlugin } from '../../../plugins/sentiment/index.js';
import { createTicketsPlugin } from '../../../plugins/tickets/index.js';
import type { PluginContractCase } from '../../helpers/plugin-contract.js';
import { FIXTURE_CATEGORIES, hubSpotTickets } from '../tickets/ticket-fixture.js';
import { badNotes, badOrders, generateShop, SHOP_NOW, shopRelated } from './shop-fixture.js';

const shop = generateShop();
const related = shopRelated(shop);
const firstIds = shop.contacts.slice(0, 6).map((contact) => contact.id);
const withOrders = shopRelated(shop, { orders: badOrders('c0') });

const contact = (id: string, properties: CrmRecord['properties']): CrmRecord => ({
  id,
  objectType: 'contacts',
  properties,
  updatedAt: new Date(SHOP_NOW).toISOString(),
  archived: false,
});

/** Churn on contact properties, one quick family. */
export const churnContract: PluginContractCase = {
  create: createChurnPlugin,
  options: { target: 'churn', families: ['logistic'] },
  data: { records: shop.contacts },
  badOptions: { options: { target: 'churn', families: ['forest'] }, code: 'churn_options_invalid' },
  badData: {
    records: [
      ...shop.contacts,
      contact('empty', {}),
      contact('garbled', { tenure: 'long', monthly_charges: 'n/a', contract: 'Two year' }),
    ],
  },
  scorableDespiteBadData: [...firstIds, 'garbled'],
  logsBadData: true,
  explainsLike: /^(tenure|monthly charges|contract) .+ [↑↓]$/,
};

/** Segments from the shop's orders (amount and invoice named). */
export const segmentsContract: PluginContractCase = {
  create: createSegmentsPlugin,
  options: { amountProperty: 'amount', invoiceProperty: 'invoice' },
  data: { records: shop.contacts, related },
  badOptions: { options: { kMin: 6, kMax: 3 }, code: 'segments_options_invalid' },
  badData: { records: shop.contacts, related: withOrders },
  scorableDespiteBadData: firstIds,
  logsBadData: true,
  explainsLike: /^([a-z -]+ \((last order|first order|spent|\d+ orders?).*\)|no purchases yet)$/,
};

/** Recommendations from the shop's order lines, every family. */
export const recommendationsContract: PluginContractCase = {
  create: () => createRecommendationsPlugin(),
  options: { invoiceProperty: 'invoice', topN: 3 },
  data: { records: shop.contacts, related },
  badOptions: { options: { topN: 0 }, code: 'recommendations_options_invalid' },
  badData: { records: shop.contacts, related: withOrders },
  scorableDespiteBadData: firstIds,
  logsBadData: true,
  explainsLike: /^[A-Z]+: (because they bought [A-Z]+|popular with other customers)$/,
};

const noted = [...new Set(shop.notes.flatMap((note) => note.associations?.contacts ?? []))];

/** Sentiment of the shop's notes; only contacts with recent notes are scored. */
export const sentimentContract: PluginContractCase = {
  create: () => createSentimentPlugin({ clock: () => SHOP_NOW }),
  options: {},
  data: { records: shop.contacts, related },
  scorable: noted,
  badOptions: { options: { windowDays: -1 }, code: 'sentiment_options_invalid' },
  badData: { records: shop.contacts, related: shopRelated(shop, { notes: badNotes('c1') }) },
  scorableDespiteBadData: [...noted.slice(0, 4), 'c1'],
  logsBadData: false,
  explainsLike:
    /^(key terms: .+|most (negative|positive) \(-?\d+\): ".+"|text \S+ \(\w+\): \w+ -?[\d.]+)$/,
};

const buyers = [...new Set(shop.orders.flatMap((order) => order.associations?.contacts ?? []))];

/** Next purchase from the shop's orders; only contacts with orders are scored. */
export const nextPurchaseContract: PluginContractCase = {
  create: createNextPurchasePlugin,
  options: { invoiceProperty: 'invoice' },
  data: { records: shop.contacts, related },
  scorable: buyers,
  badOptions: { options: { horizonDays: 0 }, code: 'next_purchase_options_invalid' },
  badData: { records: shop.contacts, related: withOrders },
  scorableDespiteBadData: buyers.slice(0, 6),
  logsBadData: true,
};

// The labelled ticket fixture ends with awkward rows: blank and emoji-only tickets are not scored.
const tickets = await hubSpotTickets();
const readable = tickets.filter((ticket) => !['blank-1', 'emoji-1'].includes(ticket.id));

/** Tickets classified by the categories the CRM already holds. */
export const ticketsContract: PluginContractCase = {
  create: () => createTicketsPlugin({ categories: FIXTURE_CATEGORIES }),
  options: { labelProperty: 'hs_ticket_category' },
  data: { records: readable },
  badOptions: { options: { testShare: 0.9 }, code: 'tickets_options_invalid' },
  badData: { records: tickets },
  scorableDespiteBadData: readable.slice(0, 6).map((ticket) => ticket.id),
  logsBadData: false,
};
