import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { zodDetails } from '../../core/errors/parse-or-throw.js';
import { IdfTable } from '../../core/text/idf-table.js';
import { classScores, softmaxInPlace } from './softmax-regression.js';

const FORMAT = 'crm-ml-ticket-classifier';

const classifierJsonSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  /** One line on data and recipe, shown in logs and metrics. */
  description: z.string(),
  classes: z.array(z.string().min(1)).min(2),
  /** Training tickets per class, in the order of `classes`. */
  classCounts: z.array(z.number().int().min(0)),
  idf: z.object({
    documents: z.number(),
    terms: z.array(z.string()),
    documentFrequencies: z.array(z.number()),
  }),
  /** K weights per IDF term (feature-major), in the order of `idf.terms`. */
  weights: z.array(z.number()),
  intercepts: z.array(z.number()),
  l2: z.number().min(0),
  /** Held-out figures recorded when it was trained. */
  metrics: z.record(z.string(), z.number()),
});

/** A ticket classifier as JSON, e.g. the shipped `plugins/tickets/models/it-support.json`. */
export type TicketClassifierJson = z.infer<typeof classifierJsonSchema>;

/** What a classifier says about one ticket. */
export interface TicketPrediction {
  /** Index into `classes` of the most probable class. */
  classIndex: number;
  category: string;
  /** Its probability, 0…1. */
  confidence: number;
  probabilities: Float64Array;
}

// Weights are stored with 4 significant digits: probabilities move by < 1e-3, the file shrinks.
const round = (value: number): number => Number(value.toPrecision(4));

/**
 * Multinomial logistic regression on L2-normalised sublinear TF-IDF word 1–2-grams:
 * P(class | ticket) for a fixed set of ticket categories.
 */
export class TicketClassifier {
  private readonly scores: Float64Array;

  constructor(
    readonly description: string,
    readonly classes: readonly string[],
    readonly classCounts: readonly number[],
    readonly idf: IdfTable,
    /** Feature-major weights (`theta[j·K + k]`) followed by the K intercepts. */
    readonly theta: Float64Array,
    readonly l2: number,
    readonly metrics: Readonly<Record<string, number>>,
  ) {
    const K = classes.length;
    if (theta.length !== (idf.size + 1) * K || classCounts.length !== K) {
      throw new CrmMlError(
        'tickets_model_invalid',
        `Ticket classifier needs ${K} weights per term plus ${K} intercepts and ${K} class counts`,
      );
    }
    this.scores = new Float64Array(K);
  }

  /** Validates and rebuilds a classifier from its JSON; `source` names it in errors. */
  static fromJSON(json: unknown, source: string): TicketClassifier {
    const parsed = classifierJsonSchema.safeParse(json);
    if (!parsed.success) {
      throw new CrmMlError('tickets_model_invalid', `Ticket model ${source} is not valid`, {
        details: zodDetails(parsed.error),
      });
    }
    const m = parsed.data;
    if (m.intercepts.length !== m.classes.length) {
      throw new CrmMlError(
        'tickets_model_invalid',
        `Ticket model ${source}: one intercept per class`,
      );
    }
    const theta = Float64Array.from([...m.weights, ...m.intercepts]);
    const idf = IdfTable.fromJSON(m.idf);
    return new TicketClassifier(
      m.description,
      m.classes,
      m.classCounts,
      idf,
      theta,
      m.l2,
      m.metrics,
    );
  }

  /** The class probabilities of a ticket's n-gram terms (see `ticketTerms`). */
  predict(terms: readonly string[]): TicketPrediction {
    const K = this.classes.length;
    const row = this.idf.indexedVector(terms);
    const probabilities = Float64Array.from(
      softmaxInPlace(classScores(row, this.theta, K, this.idf.size * K, this.scores)),
    );
    let best = 0;
    for (let k = 1; k < K; k++) if ((probabilities[k] ?? 0) > (probabilities[best] ?? 0)) best = k;
    return {
      classIndex: best,
      category: this.classes[best] ?? '',
      confidence: probabilities[best] ?? 0,
      probabilities,
    };
  }

  /** The same classifier with other recorded figures. */
  withMetrics(metrics: Record<string, number>): TicketClassifier {
    const { description, classes, classCounts, idf, theta, l2 } = this;
    return new TicketClassifier(description, classes, classCounts, idf, theta, l2, metrics);
  }

  toJSON(): TicketClassifierJson {
    const weightCount = this.idf.size * this.classes.length;
    return {
      format: FORMAT,
      version: 1,
      description: this.description,
      classes: [...this.classes],
      classCounts: [...this.classCounts],
      idf: this.idf.toJSON(),
      weights: Array.from(this.theta.subarray(0, weightCount), round),
      intercepts: Array.from(this.theta.subarray(weightCount), round),
      l2: this.l2,
      metrics: { ...this.metrics },
    };
  }
}
