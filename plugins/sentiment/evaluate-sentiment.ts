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
  /** The label value meaning positive; by default 1, positive, pos, true or yes (any case). */
  positive?: string;
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
}

const DEFAULT_POSITIVE = ['1', 'positive', 'pos', 'true', 'yes'];

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
 * hand-written polarity words for Chinese and mixed rows). Rows with a blank text are left
 * out. Backs `crm-ml eval sentiment`.
 *
 * @example await evaluateSentiment(rows, { text: 'review', label: 'label' })
 */
export async function evaluateSentiment(
  rows: Record<string, string>[],
  options: EvaluateSentimentOptions,
): Promise<SentimentEvaluation> {
  requireColumn(rows, options.text, 'Text');
  requireColumn(rows, options.label, 'Label');
  const positive = options.positive === undefined ? DEFAULT_POSITIVE : [options.positive];
  const positiveValues = new Set(positive.map((value) => value.trim().toLowerCase()));

  const language = { en: 0, zh: 0, mixed: 0, other: 0 };
  const labels: number[] = [];
  const model: number[] = [];
  const baseline: number[] = [];
  for (const row of rows) {
    const raw = row[options.text] ?? '';
    if (raw.trim() === '') continue;
    const sentiment = scoreText(raw);
    const detected = sentiment?.language ?? 'other';
    language[detected]++;

    labels.push(positiveValues.has((row[options.label] ?? '').trim().toLowerCase()) ? 1 : 0);
    model.push(sentiment?.probability ?? 0.5);
    const baselineLanguage = detected === 'zh' || detected === 'mixed' ? 'zh' : 'en';
    baseline.push(sentiment ? lexiconBaseline(sentiment.text, baselineLanguage) : 0.5);
  }
  if (labels.length === 0) {
    throw new CrmMlError('sentiment_no_rows', `No row has text in column '${options.text}'`);
  }

  const names = [
    ...(language.en + language.other > 0 ? [BASELINE_NAMES.en] : []),
    ...(language.zh + language.mixed > 0 ? [BASELINE_NAMES.zh] : []),
  ];
  return {
    ...classificationFigures(labels, model),
    rows: labels.length,
    language,
    baseline: { name: names.join('+'), ...classificationFigures(labels, baseline) },
  };
}
