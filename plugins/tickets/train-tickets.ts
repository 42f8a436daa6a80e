import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { MissingDataError } from '../missing-data-error.js';
import type { Metrics, TrainContext } from '../plugin.js';
import { evaluateHeldOut, indexLabels, type HeldOutEvaluation } from './held-out-evaluation.js';
import { fitTicketClassifier } from './fit-ticket-classifier.js';
import { shippedTicketModel } from './shipped-ticket-model.js';
import { ticketTerms, ticketText } from './ticket-text.js';
import type { TicketsModelSource } from './tickets-model.js';
import type { TicketsOptions } from './tickets-options.js';

/** Vocabulary pruning of a classifier trained on a CRM's tickets. */
export const CRM_MIN_DOCUMENTS = 2;
export const CRM_MAX_TERMS = 50_000;

/** What training on a CRM's tickets produced. */
export interface TicketsTraining {
  source: TicketsModelSource;
  metrics: Metrics;
}

/** The flat figures of a held-out evaluation, for `TrainedModel.metrics`. */
export function heldOutMetrics(evaluation: HeldOutEvaluation): Metrics {
  const metrics: Metrics = {
    accuracy: evaluation.accuracy,
    macro_f1: evaluation.macro_f1,
    baseline_majority_accuracy: evaluation.baselines.majority.accuracy,
    baseline_naive_bayes_accuracy: evaluation.baselines.naive_bayes.accuracy,
    baseline_naive_bayes_macro_f1: evaluation.baselines.naive_bayes.macro_f1,
    train_rows: evaluation.train_rows,
    test_rows: evaluation.test_rows,
    l2: evaluation.l2,
  };
  for (const [name, figures] of Object.entries(evaluation.per_class)) {
    metrics[`f1_${name}`] = figures.f1;
  }
  return metrics;
}

function shipped(reason: string, context: TrainContext, extra: Metrics = {}): TicketsTraining {
  const model = shippedTicketModel();
  context.logger.info({ reason }, 'tickets scored with the shipped IT-support model');
  const metrics: Metrics = { trained_on_crm: 0, ...extra };
  for (const [name, value] of Object.entries(model.classifier.metrics)) {
    metrics[`shipped_${name}`] = value;
  }
  return { source: { kind: 'shipped', digest: model.digest }, metrics };
}

/**
 * Trains on the CRM's own categories when `labelProperty` is set and every category has
 * `minPerClass` tickets with words (a stratified held-out split gives the figures, then a
 * refit on all of them scores); otherwise the shipped model scores. `categories` are the
 * enumeration options provisioned in the CRM: a learned class outside them is an error,
 * since the CRM would refuse to store it.
 */
export function trainTickets(
  records: readonly CrmRecord[],
  options: TicketsOptions,
  context: TrainContext,
  categories: readonly string[],
): TicketsTraining {
  const withWords = records.filter(
    (record) => ticketTerms(ticketText(record, options.textProperties)).tokens.length > 0,
  );
  if (withWords.length === 0) {
    throw new MissingDataError(
      'tickets_no_text',
      `None of the ${records.length} tickets has words in ${options.textProperties.join(', ')}`,
    );
  }
  const property = options.labelProperty;
  if (property === undefined) return shipped('no labelProperty set', context);

  const labelled = withWords.flatMap((record) => {
    const label = record.properties[property];
    if (label === null || label === undefined || String(label).trim() === '') return [];
    const terms = ticketTerms(ticketText(record, options.textProperties));
    return [{ id: record.id, label: String(label).trim(), terms }];
  });
  // By id, so the fit does not depend on the order the store hands records over.
  labelled.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { classes, labels } = indexLabels(labelled.map((ticket) => ticket.label));
  const perClass = classes.map((_, k) => labels.filter((y) => y === k).length);
  if (classes.length < 2 || Math.min(...perClass) < options.minPerClass) {
    const reason =
      `${labelled.length} tickets carry ${property} in ${classes.length} categories; ` +
      `training needs two or more with ${options.minPerClass} tickets each`;
    return shipped(reason, context, { labelled_rows: labelled.length });
  }
  const unknown = classes.filter((name) => !categories.includes(name));
  if (unknown.length > 0) {
    throw new CrmMlError(
      'tickets_category_not_provisioned',
      `${property} has categories the ${`crm_ml_ticket_category`} field does not offer: ` +
        `${unknown.join(', ')}; create the plugin with categories that include them`,
      { details: unknown.map((name) => ({ path: property, message: `category '${name}'` })) },
    );
  }

  const data = {
    terms: labelled.map((ticket) => ticket.terms.terms),
    labels,
    classes,
    keys: labelled.map((ticket) => ticket.id),
  };
  const recipe = {
    description: `tickets of this CRM by ${property}`,
    seed: context.seed,
    testShare: options.testShare,
    classWeight: options.classWeight,
    minDocuments: CRM_MIN_DOCUMENTS,
    maxTerms: CRM_MAX_TERMS,
  };
  const evaluation = evaluateHeldOut(data, recipe);
  const metrics = { trained_on_crm: 1, ...heldOutMetrics(evaluation) };
  // The refit keeps the penalty chosen on the training part, so it needs no validation split.
  const refit = fitTicketClassifier(data.terms, labels, {
    ...recipe,
    classes,
    keys: data.keys,
    l2: evaluation.l2,
    warmStart: evaluation.fit.classifier,
  });
  return {
    source: { kind: 'trained', classifier: refit.classifier.withMetrics(metrics) },
    metrics,
  };
}
