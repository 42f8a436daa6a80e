import { fileURLToPath } from 'node:url';

import { readCsv } from '../../../core/csv/index.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';

/** The labelled fixture: 72 tickets in three separable categories, then four awkward rows. */
export const LABELLED_TICKETS_CSV = fileURLToPath(
  new URL('../../fixtures/tickets/labelled-tickets.csv', import.meta.url),
);

/** The fixture's categories, as the plugin's enumeration must offer them. */
export const FIXTURE_CATEGORIES = ['Access', 'Billing', 'Hardware'];

/** The fixture's rows as HubSpot tickets (`subject`, `content`, `hs_ticket_category`). */
export async function hubSpotTickets(): Promise<CrmRecord[]> {
  const { rows } = await readCsv(LABELLED_TICKETS_CSV);
  return rows.map((row) => ({
    id: row['id'] ?? '',
    objectType: 'tickets',
    properties: {
      subject: row['subject'] ?? '',
      content: row['text'] ?? '',
      hs_ticket_category: row['category'] === '' ? null : (row['category'] ?? null),
    },
    updatedAt: '2024-05-01T00:00:00.000Z',
    archived: false,
  }));
}

/** A ticket as the Salesforce connector delivers a Case: standard field names kept. */
export function salesforceCase(id: string, subject: string, description: string): CrmRecord {
  return {
    id,
    objectType: 'tickets',
    properties: { Subject: subject, Description: description, Type: null },
    updatedAt: '2024-05-01T00:00:00.000Z',
    archived: false,
  };
}
