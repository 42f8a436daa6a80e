import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { stratifiedClassSplit } from '../../core/ml/stratified-class-split.js';
import { classificationReport, type ClassificationReport } from './classification-report.js';
import { fitTicketClassifier, type TicketFit } from './fit-ticket-classifier.js';
import { NaiveBayesBaseline } from './naive-bayes.js';

/** Labelled tickets ready to train on: n-gram terms, class indices and split keys. */
export interface LabelledTickets {
  terms: string[][];
  labels: Int32Array;
  classes: string[];
  keys: string[];
}

/** Settings of a held-out evaluation. */
export interface HeldOutOptions {
  description: string;
  seed: number;
  testShare: number;
  classWeight: 'balanced' | 'none';
  minDocuments: number;
  maxTerms: number;
}

/** The model's and the baselines' figures on the held-out tickets, from one run. */
export interface HeldOutEvaluation extends ClassificationReport {
  baselines: {
    /** Every ticket gets the most common training class. */
    majority: ClassificationReport & { class: string };
    naive_bayes: ClassificationReport;
  };
  rows: number;
  train_rows: number;
  test_rows: number;
  l2: number;
  validation: TicketFit['validation'];
  training_seconds: number;
  /** CPU time of training, apart from other work on the machine. */
  training_cpu_seconds: number;
  /** The model fitted on the training part, the one measured. */
  fit: TicketFit;
  train: number[];
  test: number[];
}

const pick = <T>(items: readonly T[], indices: readonly number[]): T[] =>
  indices.map((i) => items[i] as T);

/** Class indices of labels: classes sorted, so their order never depends on the rows. */
export function indexLabels(labels: readonly string[]): { classes: string[]; labels: Int32Array } {
  const classes = [...new Set(labels)].sort();
  const index = new Map(classes.map((name, k) => [name, k]));
  return { classes, labels: Int32Array.from(labels, (label) => index.get(label) ?? 0) };
}

/**
 * Splits labelled tickets 80/20 (or `testShare`) stratified by class on hashed keys, fits on
 * the training part, and scores the test part with the model, the majority class and
 * multinomial naive Bayes on the same vocabulary.
 */
export function evaluateHeldOut(data: LabelledTickets, options: HeldOutOptions): HeldOutEvaluation {
  if (data.classes.length < 2) {
    throw new CrmMlError(
      'tickets_single_class',
      `Ticket labels need at least two classes, found ${foundClasses(data.classes)}`,
    );
  }
  const split = stratifiedClassSplit(data.labels, options.testShare, options.seed, data.keys);
  if (split.test.length === 0 || split.train.length === 0) {
    throw new CrmMlError(
      'tickets_too_few_rows',
      `${data.labels.length} labelled tickets are too few to hold out ${options.testShare * 100} %`,
    );
  }
  const trainLabels = Int32Array.from(pick([...data.labels], split.train));
  const testLabels = Int32Array.from(pick([...data.labels], split.test));
  const trainTerms = pick(data.terms, split.train);
  const testTerms = pick(data.terms, split.test);

  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const fit = fitTicketClassifier(trainTerms, trainLabels, {
    ...options,
    classes: data.classes,
    keys: pick(data.keys, split.train),
  });
  const trainingSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const predicted = testTerms.map((terms) => fit.classifier.predict(terms).classIndex);

  const counts = fit.classifier.classCounts;
  const majority = counts.indexOf(Math.max(...counts));
  const bayes = NaiveBayesBaseline.fit(
    trainTerms,
    trainLabels,
    data.classes.length,
    fit.classifier.idf,
  );
  return {
    ...classificationReport(testLabels, predicted, data.classes),
    baselines: {
      majority: {
        class: data.classes[majority] ?? '',
        ...classificationReport(
          testLabels,
          testTerms.map(() => majority),
          data.classes,
        ),
      },
      naive_bayes: classificationReport(
        testLabels,
        testTerms.map((terms) => bayes.predict(terms)),
        data.classes,
      ),
    },
    rows: data.labels.length,
    train_rows: split.train.length,
    test_rows: split.test.length,
    l2: fit.l2,
    validation: fit.validation,
    training_seconds: trainingSeconds,
    training_cpu_seconds: (cpu.user + cpu.system) / 1e6,
    fit,
    train: split.train,
    test: split.test,
  };
}

function foundClasses(classes: readonly string[]): string {
  return classes.length === 1 ? `only '${classes[0]}'` : 'none';
}
