import { IdfTable } from '../../../core/text/idf-table.js';
import { TextClassifier } from '../text-classifier.js';
import type { ModelLanguage, TextFeatures } from '../text-features.js';
import { fitSparseLogistic, type SparseRow } from './sparse-logistic.js';

/** Settings of one classifier fit. */
export interface TextClassifierFitOptions {
  language: ModelLanguage;
  description: string;
  /** Penalty λ on ½‖w‖² per unit of sample weight. */
  l2: number;
  /** N-grams in fewer training texts are left out (they cannot generalise). */
  minDocuments: number;
  /** At most this many n-grams are kept, the most frequent ones; bounds the file size. */
  maxTerms: number;
}

// Weights are stored with 5 significant digits: the scores move by < 1e-4, the file shrinks.
const round = (value: number): number => Number(value.toPrecision(5));

/** Design rows: the TF-IDF of known terms, then the two lexicon features. */
export function designRows(
  documents: readonly TextFeatures[],
  idf: IdfTable,
): { rows: SparseRow[]; dimension: number } {
  const index = new Map(idf.toJSON().terms.map((term, j) => [term, j]));
  const lexiconStart = index.size;
  const rows = documents.map((doc): SparseRow => {
    const indices: number[] = [];
    const values: number[] = [];
    for (const [term, value] of idf.vector(doc.terms)) {
      const j = index.get(term);
      if (j === undefined) continue;
      indices.push(j);
      values.push(value);
    }
    indices.push(lexiconStart, lexiconStart + 1);
    values.push(doc.lexicon[0], doc.lexicon[1]);
    return { indices: Int32Array.from(indices), values: Float64Array.from(values) };
  });
  return { rows, dimension: lexiconStart + 2 };
}

/**
 * Fits a `TextClassifier` on labelled features. The two classes get equal total weight,
 * so the intercept assumes even odds rather than the training set's class mix: a shipped
 * model meets CRMs whose share of unhappy customers nobody knows in advance.
 */
export function fitTextClassifier(
  documents: readonly TextFeatures[],
  labels: Float64Array,
  options: TextClassifierFitOptions,
): TextClassifier {
  const idf = IdfTable.fit(
    documents.map((doc) => doc.terms),
    { minDocuments: options.minDocuments, maxTerms: options.maxTerms },
  );
  const { rows, dimension } = designRows(documents, idf);

  const positives = labels.reduce((sum, y) => sum + y, 0);
  const negatives = labels.length - positives;
  const sampleWeights = labels.map((y) =>
    y === 1 ? labels.length / (2 * positives) : labels.length / (2 * negatives),
  );

  const fit = fitSparseLogistic(rows, labels, { dimension, l2: options.l2, sampleWeights });
  const termWeights = Array.from(fit.weights.subarray(0, dimension - 2), round);
  const lexiconWeights: [number, number] = [
    round(fit.weights[dimension - 2] ?? 0),
    round(fit.weights[dimension - 1] ?? 0),
  ];
  return new TextClassifier(
    options.language,
    options.description,
    idf,
    termWeights,
    lexiconWeights,
    round(fit.intercept),
    {},
  );
}
