import type { CrmRecord } from '../../../core/records/crm-record.js';
import { createNextBestActionPlugin } from '../../../plugins/next-best-action/index.js';
import type { PluginContractCase } from '../../helpers/plugin-contract.js';
import {
  awkwardRecords,
  BOOK_NOW,
  bookRelated,
  generateBook,
} from '../next-best-action/crm-book.js';

const book = generateBook();
const contact = (id: string, properties: CrmRecord['properties']): CrmRecord => ({
  id,
  objectType: 'contacts',
  properties,
  updatedAt: new Date(BOOK_NOW).toISOString(),
  archived: false,
});

/** Next best action from the book's calls, emails, meetings and won deals. */
export const nextBestActionContract: PluginContractCase = {
  create: () => createNextBestActionPlugin({ clock: () => BOOK_NOW }),
  options: { actions: ['call', 'email', 'meeting', 'do_nothing'] },
  data: { records: book.contacts, related: bookRelated(book) },
  badOptions: {
    options: { actions: ['call', 'email'], baselineAction: 'do_nothing' },
    code: 'next_best_action_options_invalid',
  },
  badData: {
    records: [
      ...book.contacts,
      contact('empty', {}),
      contact('garbled', { plan: 'enterprise', seats: 'lots', region: '' }),
    ],
    related: bookRelated(book, awkwardRecords('p3')),
  },
  scorableDespiteBadData: ['p0', 'p1', 'p3', 'empty', 'garbled'],
  logsBadData: true,
  explainsLike: new RegExp(
    '^([a-z ]+: \\d+ % expected success vs \\d+ % (for [a-z ]+|on average over the actions tried)' +
      '|learned from \\d+ past [a-z ]+ outcomes \\(\\d+ successes\\)' +
      '|no past [a-z ]+ outcomes yet: the prior alone' +
      '|.+ (favours|counts against) [a-z ]+ \\([+−]\\d+\\.\\d points\\)( over [a-z ]+)?' +
      '|exploring: .+)$',
  ),
};
