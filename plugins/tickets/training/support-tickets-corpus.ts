import { join } from 'node:path';

import { readCsv } from '../../../core/csv/index.js';

/** The seed every shipped ticket model is trained with. */
export const TICKETS_SEED = 42;

/** The Endava IT-support tickets file under a data folder, and its columns. */
export const SUPPORT_TICKETS = {
  path: (dataDir: string): string =>
    join(dataDir, 'support-tickets', 'it_service_tickets_train.csv'),
  text: 'Document',
  label: 'Topic_group',
  description:
    'Endava IT support tickets (Kaggle adisongoh/it-service-ticket-classification-dataset, ' +
    'Topic_group labels), CC0',
};

/** The rows of the support-tickets file. */
export async function readSupportTickets(dataDir: string): Promise<Record<string, string>[]> {
  return (await readCsv(SUPPORT_TICKETS.path(dataDir))).rows;
}
