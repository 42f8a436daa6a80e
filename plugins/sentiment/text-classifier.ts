import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { sigmoid } from '../../core/ml/matrix.js';
import { IdfTable } from '../../core/text/idf-table.js';
import { textFeatures, type ModelLanguage } from './text-features.js';

const FORMAT = 'crm-ml-sentiment-classifier';

const classifierJsonSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  language: z.enum(['en', 'zh']),
  /** One line on data and recipe, shown in logs and metrics. */
  description: z.string(),
  idf: z.object({
    documents: z.number(),
    terms: z.array(z.string()),
    documentFrequencies: z.array(z.number()),
  }),
  /** One weight per IDF term, in the same order. */
  weights: z.array(z.number()),
  lexiconWeights: z.tuple([z.number(), z.number()]),
  intercept: z.number(),
  /** Held-out figures recorded by the training script. */
  metrics: z.record(z.string(), z.number()),
});

/** A sentiment classifier as shipped in `plugins/sentiment/models/<language>.json`. */
export type TextClassifierJson = z.infer<typeof classifierJsonSchema>;

/**
 * Logistic regression on L2-normalised sublinear TF-IDF n-grams plus two lexicon valence
 * features: P(positive | text) for one language.
 */
export class TextClassifier {
  private readonly weightOf: ReadonlyMap<string, number>;

  constructor(
    readonly language: ModelLanguage,
    readonly description: string,
    readonly idf: IdfTable,
    readonly weights: readonly number[],
    readonly lexiconWeights: readonly [number, number],
    readonly intercept: number,
    readonly metrics: Readonly<Record<string, number>>,
  ) {
    const terms = idf.toJSON().terms;
    if (terms.length !== weights.length) {
      throw new CrmMlError('sentiment_model_invalid', 'Classifier has one weight per term');
    }
    this.weightOf = new Map(terms.map((term, i) => [term, weights[i] ?? 0]));
  }

  /** Validates and rebuilds a classifier from its JSON. */
  static fromJSON(json: unknown, source: string): TextClassifier {
    const parsed = classifierJsonSchema.safeParse(json);
    if (!parsed.success) {
      throw new CrmMlError('sentiment_model_invalid', `Sentiment model ${source} is not valid`, {
        details: parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
        })),
      });
    }
    const m = parsed.data;
    const idf = IdfTable.fromJSON(m.idf);
    return new TextClassifier(
      m.language,
      m.description,
      idf,
      m.weights,
      m.lexiconWeights,
      m.intercept,
      m.metrics,
    );
  }

  /** The log-odds that a normalised text is positive. */
  logit(text: string): number {
    const features = textFeatures(text, this.language);
    let z = this.intercept;
    for (const [term, value] of this.idf.vector(features.terms)) {
      z += (this.weightOf.get(term) ?? 0) * value;
    }
    z +=
      this.lexiconWeights[0] * features.lexicon[0] + this.lexiconWeights[1] * features.lexicon[1];
    return z;
  }

  /** P(positive) for a normalised text. */
  probability(text: string): number {
    return sigmoid(this.logit(text));
  }

  toJSON(): TextClassifierJson {
    return {
      format: FORMAT,
      version: 1,
      language: this.language,
      description: this.description,
      idf: this.idf.toJSON(),
      weights: [...this.weights],
      lexiconWeights: [this.lexiconWeights[0], this.lexiconWeights[1]],
      intercept: this.intercept,
      metrics: { ...this.metrics },
    };
  }
}
