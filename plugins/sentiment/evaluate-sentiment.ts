import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { classificationFigures } from './classification-figures.js';
import { BASELINE_NAMES, lexiconBaseline } from './lexicon-baseline.js';
import { scoreText } from './sentiment-scorer.js';

/** Options of `evaluateSentiment`. */
export interface EvaluateSentimentOptions {
  /** The column holding the text. */
  text: string;
  /** The column holding the label. */
  label: string;
  /**
   * The label value meaning positive; every other label is then negative. By default 1,
   * positive, pos, true or yes is positive and 0, negative, neg, false or no negative (any
   * case), and a row with any other label is skipped and counted.
   */
  positive?: string;
  /** The file line of each row, so skipped rows are named by line; otherwise by row number. */
  lines?: readonly number[];
}

/** Figures of the shipped models on a labelled file, beside a lexicon baseline. */
export interface SentimentEvaluation {
  accuracy: number;
  macro_f1: number;
  roc_auc: number;
  rows: number;
  /** Rows per detected language; `other` (no model reads it) is scored 0.5. */
  language: { en: number; zh: number; mixed: number; other: number };
  baseline: {
    /** `afinn`, `crm-ml-zh-polarity`, or both joined by `+` for a file with both. */
    name: string;
    accuracy: number;
    macro_f1: number;
    roc_auc: number;
  };
  /** Rows left out for a blank text. */
  skipped_blank_text: number;
  /** Rows left out for a label that is neither a positive nor a negative value. */
  skipped_unknown_label: number;
  /** The skipped rows in words: counts, then the first few rows. */
  warnings: string[];
}

const DEFAULT_POSITIVE = ['1', 'positive', 'pos', 'true', 'yes'];
const DEFAULT_NEGATIVE = ['0', 'negative', 'neg', 'false', 'no'];
const MAX_EXAMPLES = 5;

/** Reads a label as 1 (positive), 0 (negative) or null (neither: the row is skipped). */
type LabelReader = (label: string) => 0 | 1 | null;

function labelReader(positive: string | undefined): LabelReader {
  const normal = (value: string) => value.trim().toLowerCase();
  if (positive !== undefined) {
    const wanted = normal(positive);
    return (label) => (normal(label) === '' ? null : normal(label) === wanted ? 1 : 0);
  }
  return (label) => {
    const value = normal(label);
    if (DEFAULT_POSITIVE.includes(value)) return 1;
    return DEFAULT_NEGATIVE.includes(value) ? 0 : null;
  };
}

function unknownLabel(where: string, label: string, positive: string | undefined): string {
  if (positive !== undefined) return `${where}: no label; skipped`;
  return (
    `${where}: label '${label}' is neither positive (${DEFAULT_POSITIVE.join(', ')}) nor ` +
    `negative (${DEFAULT_NEGATIVE.join(', ')}); skipped (--positive names the positive label)`
  );
}

function requireColumn(rows: Record<string, string>[], column: string, role: string): void {
  const columns = new Set(rows.flatMap((row) => Object.keys(row)));
  if (columns.has(column)) return;
  throw new CrmMlError(
    'sentiment_column_missing',
    `${role} column '${column}' is not in the table; columns: ${[...columns].join(', ') || 'none'}`,
    { details: [{ path: column, message: 'column not found' }] },
  );
}

/**
 * Scores a labelled table with the shipped models (nothing is trained on it) and, in the
 * same run, with the lexicon baseline of each row's language (AFINN-165 for English, the
 * hand-written polarity words for Chinese and mixed rows). Rows with a blank text or an
 * unknown label are left out, counted and named in `warnings`. Throws
 * `sentiment_too_few_labels` when the rows left hold one class only. Backs
 * `crm-ml eval sentiment`.
 *
 * @example await evaluateSentiment(rows, { text: 'review', label: 'label' })
 */
export async function evaluateSentiment(
  rows: Record<string, string>[],
  options: EvaluateSentimentOptions,
): Promise<SentimentEvaluation> {
  requireColumn(rows, options.text, 'Text');
  requireColumn(rows, options.label, 'Label');
  const readLabel = labelReader(options.positive);

  const language = { en: 0, zh: 0, mixed: 0, other: 0 };
  const labels: number[] = [];
  const model: number[] = [];
  const baseline: number[] = [];
  const skipped = { blankText: 0, unknownLabel: 0, examples: [] as string[] };
  const skip = (example: string): void => {
    if (skipped.examples.length < MAX_EXAMPLES) skipped.examples.push(example);
  };
  for (const [index, row] of rows.entries()) {
    const where =
      options.lines?.[index] === undefined ? `row ${index + 1}` : `line ${options.lines[index]}`;
    const raw = row[options.text] ?? '';
    if (raw.trim() === '') {
      skipped.blankText++;
      skip(`${where}: no text in '${options.text}'; skipped`);
      continue;
    }
    const label = readLabel(row[options.label] ?? '');
    if (label === null) {
      skipped.unknownLabel++;
      skip(unknownLabel(where, row[options.label] ?? '', options.positive));
      continue;
    }

    const sentiment = scoreText(raw);
    const detected = sentiment?.language ?? 'other';
    language[detected]++;
    labels.push(label);
    model.push(sentiment?.probability ?? 0.5);
    const baselineLanguage = detected === 'zh' || detected === 'mixed' ? 'zh' : 'en';
    baseline.push(sentiment ? lexiconBaseline(sentiment.text, baselineLanguage) : 0.5);
  }
  if (labels.length === 0) {
    throw new CrmMlError(
      'sentiment_no_rows',
      `No row has both a text in '${options.text}' and a known label in '${options.label}'`,
      { details: skipped.examples.map((example) => ({ path: example, message: 'skipped' })) },
    );
  }
  assertBothClasses(labels, options.label);

  const names = [
    ...(language.en + language.other > 0 ? [BASELINE_NAMES.en] : []),
    ...(language.zh + language.mixed > 0 ? [BASELINE_NAMES.zh] : []),
  ];
  return {
    ...classificationFigures(labels, model),
    rows: labels.length,
    language,
    baseline: { name: names.join('+'), ...classificationFigures(labels, baseline) },
    skipped_blank_text: skipped.blankText,
    skipped_unknown_label: skipped.unknownLabel,
    warnings: skippedWarnings(skipped),
  };
}

function skippedWarnings(skipped: { blankText: number; unknownLabel: number; examples: string[] }) {
  const total = skipped.blankText + skipped.unknownLabel;
  if (total === 0) return [];
  const counts =
    `${total} rows skipped: ${skipped.blankText} with no text, ` +
    `${skipped.unknownLabel} with an unknown label`;
  return [counts, ...skipped.examples];
}

// Accuracy needs both classes and ROC AUC is undefined without them (NaN otherwise).
function assertBothClasses(labels: readonly number[], column: string): void {
  const positives = labels.filter((label) => label === 1).length;
  if (positives > 0 && positives < labels.length) return;
  const only = positives > 0 ? 'positive' : 'negative';
  throw new CrmMlError(
    'sentiment_too_few_labels',
    `Every one of the ${labels.length} rows is ${only} in '${column}': ` +
      'an evaluation needs both positive and negative rows',
    { details: [{ path: column, message: `only ${only} labels` }] },
  );
}
