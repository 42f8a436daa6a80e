/**
 * Trains the shipped ticket model offline and writes it with its model card:
 *
 *   node --import tsx plugins/tickets/training/train-ticket-model.ts [DATA_DIR]
 *
 * DATA_DIR (default `../shared/data` beside the repository) holds `support-tickets/`. The
 * data is read, never copied. The held-out figures come from a model fitted on 80 % of the
 * file; the shipped file is then refit on every row with the penalty chosen there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { shippedFile } from '../../../core/config/package-root.js';
import { SHIPPED_MAX_TERMS, SHIPPED_MIN_DOCUMENTS, labelledRows } from '../evaluate-tickets.js';
import { fitTicketClassifier } from '../fit-ticket-classifier.js';
import { evaluateHeldOut } from '../held-out-evaluation.js';
import { heldOutMetrics } from '../train-tickets.js';
import { readSupportTickets, SUPPORT_TICKETS, TICKETS_SEED } from './support-tickets-corpus.js';
import { writeTicketModelCard } from './write-ticket-model-card.js';

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? join(shippedFile(), '..', 'shared', 'data');
  const { data } = labelledRows(await readSupportTickets(dataDir), SUPPORT_TICKETS);
  const recipe = {
    description: SUPPORT_TICKETS.description,
    seed: TICKETS_SEED,
    testShare: 0.2,
    classWeight: 'balanced' as const,
    minDocuments: SHIPPED_MIN_DOCUMENTS,
    maxTerms: SHIPPED_MAX_TERMS,
  };
  const evaluation = evaluateHeldOut(data, recipe);

  const started = performance.now();
  const refit = fitTicketClassifier(data.terms, data.labels, {
    ...recipe,
    classes: data.classes,
    keys: data.keys,
    l2: evaluation.l2,
    warmStart: evaluation.fit.classifier,
  });
  const refitSeconds = (performance.now() - started) / 1000;
  const classifier = refit.classifier.withMetrics(heldOutMetrics(evaluation));
  const json = JSON.stringify(classifier.toJSON());
  writeFileSync(shippedFile('plugins', 'tickets', 'models', 'it-support.json'), json + '\n');

  const bytes = Buffer.byteLength(json);
  writeFileSync(
    shippedFile('plugins', 'tickets', 'models', 'MODEL_CARD.md'),
    writeTicketModelCard(evaluation, classifier, bytes),
  );
  const { fit: _fit, train: _train, test: _test, ...figures } = evaluation;
  process.stdout.write(JSON.stringify({ ...figures, bytes, refit_seconds: refitSeconds }) + '\n');
}

await main();
