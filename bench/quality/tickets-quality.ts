import { evaluateTickets } from '../../plugins/tickets/evaluate-tickets.js';
import {
  readSupportTickets,
  SUPPORT_TICKETS,
} from '../../plugins/tickets/training/support-tickets-corpus.js';
import type { QualityRow } from './quality-row.js';

/**
 * Tickets, with the shipped recipe fitted on a stratified 80 % of the support-tickets file
 * and scored on the other 20 % (the shipped model saw all of it, so scoring the file with it
 * would be in-sample; the real holdout is not shipped). Two baselines from the same run.
 */
export async function ticketsQuality(dataDir: string): Promise<QualityRow[]> {
  const result = evaluateTickets(await readSupportTickets(dataDir), SUPPORT_TICKETS);
  if (result.model !== 'trained') return [];
  const protocol = `held-out 20 % (${result.test_rows} tickets)`;
  const dataset = 'Endava IT support tickets (8 classes)';
  const row = (metric: string, ours: number, baseline: number, name: string): QualityRow => ({
    plugin: 'tickets',
    dataset,
    metric,
    ours,
    baseline,
    baselineName: name,
    protocol,
  });
  const { naive_bayes: bayes, majority } = result.baselines;
  return [
    row('accuracy', result.accuracy, bayes.accuracy, 'naive Bayes, same n-grams'),
    row('macro F1', result.macro_f1, bayes.macro_f1, 'naive Bayes, same n-grams'),
    row('accuracy', result.accuracy, majority.accuracy, `majority class (${majority.class})`),
    row('macro F1', result.macro_f1, majority.macro_f1, `majority class (${majority.class})`),
  ];
}
