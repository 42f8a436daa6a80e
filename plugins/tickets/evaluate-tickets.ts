import { CrmMlError, type ErrorDetail } from '../../core/errors/crm-ml-error.js';
import { classificationReport, type ClassificationReport } from './classification-report.js';
import {
  evaluateHeldOut,
  indexLabels,
  type HeldOutEvaluation,
  type LabelledTickets,
} from './held-out-evaluation.js';
import { shippedTicketModel } from './shipped-ticket-model.js';
import { ticketTerms } from './ticket-text.js';

/** Vocabulary pruning of the shipped recipe, used by `eval tickets` too. */
export const SHIPPED_MIN_DOCUMENTS = 3;
export const SHIPPED_MAX_TERMS = 20_000;

/** Options of `evaluateTickets`. */
export interface EvaluateTicketsOptions {
  text: string;
  label: string;
  /** `trained` (default): fit on a split of the file; `shipped`: score it with the shipped model. */
  model?: 'trained' | 'shipped';
  testShare?: number;
  seed?: number;
  classWeight?: 'balanced' | 'none';
}

/** Rows left out of an evaluation and why. */
export interface SkippedRows {
  empty_text: number;
  empty_label: number;
  /** The first few, by 1-based data row. */
  examples: ErrorDetail[];
}

/** What `crm-ml eval tickets` prints. */
export type TicketsEvaluation =
  | (Omit<HeldOutEvaluation, 'fit' | 'train' | 'test'> & { model: 'trained'; skipped: SkippedRows })
  | (ClassificationReport & {
      model: 'shipped';
      baselines: { majority: ClassificationReport & { class: string } };
      rows: number;
      /** Rows whose label is none of the shipped categories (always counted wrong). */
      unknown_labels: number;
      skipped: SkippedRows;
    });

const MAX_EXAMPLES = 5;

function requireColumn(rows: Record<string, string>[], column: string, role: string): void {
  const columns = new Set(rows.flatMap((row) => Object.keys(row)));
  if (columns.has(column)) return;
  throw new CrmMlError(
    'tickets_column_missing',
    `${role} column '${column}' is not in the table; columns: ${[...columns].join(', ') || 'none'}`,
    { details: [{ path: column, message: 'column not found' }] },
  );
}

/** The usable rows: words in the text and a label; the others counted with examples. */
export function labelledRows(
  rows: Record<string, string>[],
  options: Pick<EvaluateTicketsOptions, 'text' | 'label'>,
): { data: LabelledTickets; skipped: SkippedRows } {
  if (rows.length === 0) throw new CrmMlError('tickets_no_rows', 'The table has no data rows');
  requireColumn(rows, options.text, 'Text');
  requireColumn(rows, options.label, 'Label');

  const skipped: SkippedRows = { empty_text: 0, empty_label: 0, examples: [] };
  const skip = (row: number, reason: 'empty_text' | 'empty_label', message: string): void => {
    skipped[reason]++;
    if (skipped.examples.length < MAX_EXAMPLES)
      skipped.examples.push({ path: `row ${row}`, message });
  };
  const kept: { terms: string[]; label: string; key: string }[] = [];
  rows.forEach((row, i) => {
    const label = (row[options.label] ?? '').trim();
    const { tokens, terms } = ticketTerms(row[options.text] ?? '');
    if (tokens.length === 0) return skip(i + 1, 'empty_text', `no words in '${options.text}'`);
    if (label === '') return skip(i + 1, 'empty_label', `'${options.label}' is empty`);
    // The row's own content is its key: the split does not depend on where a row sits.
    kept.push({ terms, label, key: JSON.stringify(Object.values(row)) });
  });
  if (kept.length === 0) {
    throw new CrmMlError(
      'tickets_no_text',
      `No row has words in column '${options.text}' and a value in '${options.label}'`,
      { details: skipped.examples },
    );
  }
  // In key order, so floating-point sums (and so every figure) do not depend on row order.
  kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const { classes, labels } = indexLabels(kept.map((row) => row.label));
  if (classes.length < 2) {
    throw new CrmMlError(
      'tickets_single_class',
      `Label column '${options.label}' has one class ('${classes[0]}'); classification needs two or more`,
      { details: [{ path: options.label, message: 'one distinct value' }] },
    );
  }
  const data = {
    terms: kept.map((row) => row.terms),
    labels,
    classes,
    keys: kept.map((row) => row.key),
  };
  return { data, skipped };
}

/**
 * Evaluates ticket classification on a labelled table. `trained`: an 80/20 split stratified
 * by class on hashed rows, the shipped recipe fitted on the 80 %, figures on the 20 % beside
 * the majority class and naive Bayes from the same run. `shipped`: every row scored with the
 * shipped model, beside its training set's majority class. Backs `crm-ml eval tickets`.
 *
 * @example evaluateTickets(rows, { text: 'Document', label: 'Topic_group' })
 */
export function evaluateTickets(
  rows: Record<string, string>[],
  options: EvaluateTicketsOptions,
): TicketsEvaluation {
  const { data, skipped } = labelledRows(rows, options);
  if (options.model === 'shipped') return evaluateShipped(data, skipped);

  const {
    fit: _fit,
    train: _train,
    test: _test,
    ...figures
  } = evaluateHeldOut(data, {
    description: 'eval tickets',
    seed: options.seed ?? 42,
    testShare: options.testShare ?? 0.2,
    classWeight: options.classWeight ?? 'balanced',
    minDocuments: SHIPPED_MIN_DOCUMENTS,
    maxTerms: SHIPPED_MAX_TERMS,
  });
  return { model: 'trained', ...figures, skipped };
}

function evaluateShipped(data: LabelledTickets, skipped: SkippedRows): TicketsEvaluation {
  const { classifier } = shippedTicketModel();
  const classes = [...classifier.classes];
  const index = new Map(classes.map((name, k) => [name, k]));
  // A label the model cannot say gets an index of its own, so it always counts as wrong.
  const actual = Int32Array.from(
    data.labels,
    (y) => index.get(data.classes[y] ?? '') ?? classes.length,
  );
  const predicted = data.terms.map((terms) => classifier.predict(terms).classIndex);
  const counts = classifier.classCounts;
  const majority = counts.indexOf(Math.max(...counts));
  const unknown = actual.filter((y) => y === classes.length).length;
  const names = unknown > 0 ? [...classes, '(other labels)'] : classes;
  return {
    model: 'shipped',
    ...classificationReport(actual, predicted, names),
    baselines: {
      majority: {
        class: classes[majority] ?? '',
        ...classificationReport(
          actual,
          predicted.map(() => majority),
          names,
        ),
      },
    },
    rows: data.labels.length,
    unknown_labels: unknown,
    skipped,
  };
}
