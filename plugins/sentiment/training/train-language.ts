import { rocAuc } from '../../../core/ml/metrics.js';
import { stratifiedKFold, stratifiedSplit } from '../../../core/ml/split.js';
import { classificationFigures, type ClassificationFigures } from '../classification-figures.js';
import { lexiconBaseline } from '../lexicon-baseline.js';
import { TextClassifier } from '../text-classifier.js';
import { textFeatures, type ModelLanguage, type TextFeatures } from '../text-features.js';
import { fitTextClassifier } from './fit-text-classifier.js';

/** A labelled corpus of normalised texts and how to train on it. */
export interface LanguageCorpus {
  language: ModelLanguage;
  texts: string[];
  labels: Float64Array;
  /** Where each text comes from (e.g. amazon, yelp), for leave-one-domain-out figures. */
  domains?: string[];
  seed: number;
  description: string;
  minDocuments: number;
  maxTerms: number;
}

/** Everything one language's training produced. */
export interface LanguageRun {
  language: ModelLanguage;
  description: string;
  /** Refit on all rows with the chosen penalty; carries the held-out figures. */
  classifier: TextClassifier;
  l2: number;
  cv: { l2: number; roc_auc: number }[];
  rows: number;
  positives: number;
  trainRows: number;
  testRows: number;
  heldOut: ClassificationFigures;
  baseline: ClassificationFigures;
  crossDomain: { testDomain: string; rows: number; figures: ClassificationFigures }[];
  summary: Record<string, number>;
}

// Penalties tried by cross-validation, from very light to heavy (sklearn C=4 ≈ 1/(4n)).
const L2_GRID = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3];
const FOLDS = 5;
const TEST_FRACTION = 0.2;

const pick = <T>(items: readonly T[], indices: readonly number[]): T[] =>
  indices.map((i) => items[i] as T);

function fitAndPredict(
  corpus: LanguageCorpus,
  features: readonly TextFeatures[],
  train: readonly number[],
  test: readonly number[],
  l2: number,
): number[] {
  const model = fitTextClassifier(
    pick(features, train),
    Float64Array.from(train, (i) => corpus.labels[i] ?? 0),
    { ...corpus, l2 },
  );
  return test.map((i) => model.probability(corpus.texts[i] ?? ''));
}

/** Mean fold AUC of each penalty on the training rows only; the test rows stay unseen. */
function crossValidate(corpus: LanguageCorpus, features: readonly TextFeatures[], rows: number[]) {
  const labels = Float64Array.from(rows, (i) => corpus.labels[i] ?? 0);
  const folds = stratifiedKFold(labels, FOLDS, corpus.seed);
  return L2_GRID.map((l2) => {
    const aucs = folds.map((fold) => {
      const scores = fitAndPredict(
        corpus,
        features,
        pick(rows, fold.train),
        pick(rows, fold.test),
        l2,
      );
      return rocAuc(pick([...labels], fold.test), scores);
    });
    return { l2, roc_auc: aucs.reduce((a, b) => a + b, 0) / aucs.length };
  });
}

/**
 * Trains one language: an 80/20 stratified split; the penalty chosen by 5-fold CV on the
 * 80 %; held-out figures on the 20 % beside the lexicon baseline; leave-one-domain-out
 * figures when domains are given; finally a refit on every row with the chosen penalty.
 */
export function trainLanguage(corpus: LanguageCorpus): LanguageRun {
  const features = corpus.texts.map((text) => textFeatures(text, corpus.language));
  const split = stratifiedSplit(corpus.labels, TEST_FRACTION, corpus.seed);
  const testLabels = pick([...corpus.labels], split.test);

  const cv = crossValidate(corpus, features, split.train);
  const best = cv.reduce((a, b) => (b.roc_auc > a.roc_auc ? b : a));
  const heldOutScores = fitAndPredict(corpus, features, split.train, split.test, best.l2);
  const heldOut = classificationFigures(testLabels, heldOutScores);
  const baselineScores = split.test.map((i) =>
    lexiconBaseline(corpus.texts[i] ?? '', corpus.language),
  );
  const baseline = classificationFigures(testLabels, baselineScores);

  const domains = corpus.domains ?? [];
  const crossDomain = [...new Set(domains)].map((testDomain) => {
    const all = domains.map((_, i) => i);
    const test = all.filter((i) => domains[i] === testDomain);
    const scores = fitAndPredict(
      corpus,
      features,
      all.filter((i) => domains[i] !== testDomain),
      test,
      best.l2,
    );
    return {
      testDomain,
      rows: test.length,
      figures: classificationFigures(pick([...corpus.labels], test), scores),
    };
  });

  const summary: Record<string, number> = {
    heldout_accuracy: heldOut.accuracy,
    heldout_macro_f1: heldOut.macro_f1,
    heldout_roc_auc: heldOut.roc_auc,
    baseline_accuracy: baseline.accuracy,
    baseline_macro_f1: baseline.macro_f1,
    baseline_roc_auc: baseline.roc_auc,
    train_rows: split.train.length,
    test_rows: split.test.length,
    l2: best.l2,
  };
  const refit = fitTextClassifier(features, corpus.labels, { ...corpus, l2: best.l2 });
  const classifier = new TextClassifier(
    refit.language,
    refit.description,
    refit.idf,
    refit.weights,
    refit.lexiconWeights,
    refit.intercept,
    summary,
  );

  return {
    language: corpus.language,
    description: corpus.description,
    classifier,
    l2: best.l2,
    cv,
    rows: corpus.texts.length,
    positives: corpus.labels.reduce((a, b) => a + b, 0),
    trainRows: split.train.length,
    testRows: split.test.length,
    heldOut,
    baseline,
    crossDomain,
    summary,
  };
}
