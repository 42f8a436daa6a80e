import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { Logger } from '../../core/logging/logger.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { assertSavedModelOf } from '../assert-saved-model.js';
import type { Json, Metrics, RecordScore, SavedModel, TrainedModel } from '../plugin.js';
import { shippedTicketModel } from './shipped-ticket-model.js';
import { TicketClassifier } from './ticket-classifier.js';
import { ticketKeywords } from './ticket-keywords.js';
import { ticketTerms, ticketText } from './ticket-text.js';
import {
  TICKET_CATEGORY_FIELD,
  TICKET_CONFIDENCE_FIELD,
  TICKET_KEYWORDS_FIELD,
} from './tickets-fields.js';
import { parseTicketsOptions, type TicketsOptions } from './tickets-options.js';

/** The tickets plugin's stable id, also stamped on its saved models. */
export const TICKETS_PLUGIN_ID = 'tickets';
const SAVED_VERSION = 1;

/** Where a tickets model's classifier came from. */
export type TicketsModelSource =
  { kind: 'shipped'; digest: string } | { kind: 'trained'; classifier: TicketClassifier };

const savedConfigSchema = z.object({
  version: z.literal(SAVED_VERSION),
  options: z.record(z.string(), z.unknown()),
  source: z.enum(['shipped', 'trained']),
  /** The shipped file's digest, for a model that scores with it. */
  digest: z.string().optional(),
});

/** A trained tickets model: a category, its confidence and keywords for each ticket. */
export class TicketsModel implements TrainedModel {
  constructor(
    readonly options: TicketsOptions,
    readonly source: TicketsModelSource,
    readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  /** The classifier that scores: the CRM-trained one, or the shipped one. */
  get classifier(): TicketClassifier {
    return this.source.kind === 'trained'
      ? this.source.classifier
      : shippedTicketModel().classifier;
  }

  /** Rebuilds a model from `save()` output, also after a JSON round trip. */
  static load(saved: SavedModel, logger: Logger): TicketsModel {
    assertSavedModelOf(saved, TICKETS_PLUGIN_ID);
    const config = savedConfigSchema.safeParse(saved.config);
    if (!config.success) {
      throw new CrmMlError('tickets_model_invalid', 'Saved tickets model has no valid config');
    }
    const options = parseTicketsOptions(config.data.options);
    if (config.data.source === 'trained') {
      const classifier = TicketClassifier.fromJSON(saved.weights, 'saved tickets model');
      return new TicketsModel(
        options,
        { kind: 'trained', classifier },
        { ...saved.metrics },
        logger,
      );
    }
    const shipped = shippedTicketModel().digest;
    if (config.data.digest !== shipped) {
      logger.warn(
        { saved: config.data.digest, shipped },
        'tickets model saved beside another shipped classifier; scoring with the current one',
      );
    }
    const source = { kind: 'shipped' as const, digest: shipped };
    return new TicketsModel(options, source, { ...saved.metrics }, logger);
  }

  save(): SavedModel {
    const options = JSON.parse(JSON.stringify(this.options)) as Json;
    const trained = this.source.kind === 'trained';
    return {
      pluginId: TICKETS_PLUGIN_ID,
      config: {
        version: SAVED_VERSION,
        options,
        source: this.source.kind,
        ...(this.source.kind === 'shipped' ? { digest: this.source.digest } : {}),
      },
      // The shipped weights stay in their file; a CRM-trained classifier is saved whole.
      weights: trained ? (this.classifier.toJSON() as unknown as Json) : null,
      metrics: { ...this.metrics },
    };
  }

  /** Scores every ticket with words in its text properties; the rest are skipped. */
  async score(records: readonly CrmRecord[]): Promise<RecordScore[]> {
    const classifier = this.classifier;
    const scores: RecordScore[] = [];
    for (const record of records) {
      const { tokens, terms } = ticketTerms(ticketText(record, this.options.textProperties));
      if (tokens.length === 0) continue;
      const prediction = classifier.predict(terms);
      scores.push({
        recordId: record.id,
        score: prediction.confidence,
        values: {
          [TICKET_CATEGORY_FIELD]: prediction.category,
          [TICKET_CONFIDENCE_FIELD]: Math.round(prediction.confidence * 100),
          [TICKET_KEYWORDS_FIELD]: ticketKeywords(tokens, classifier.idf, this.options.keywords),
        },
      });
    }
    const skipped = records.length - scores.length;
    if (skipped > 0)
      this.logger.info({ skipped }, 'tickets without words in their text not scored');
    return scores;
  }
}
