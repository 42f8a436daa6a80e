import type { PipelineEvents } from '../pipeline/pipeline-events.js';
import { emitRunOutcome, emitScoreEvents } from './emit-run-events.js';
import type { WebhookService } from './webhook-service.js';

/**
 * The pipeline's listener that turns changed scores and finished runs into webhook events.
 * Score events go out as each batch is scored, so a queue worker that scores needs no state
 * from the worker that finishes the run.
 */
export function webhookPipelineEvents(service: WebhookService): PipelineEvents {
  return {
    async scoresChanged(connectionId, runId, changes) {
      await emitScoreEvents(service, connectionId, runId, changes);
    },
    async runFinished(outcome) {
      await emitRunOutcome(service, outcome);
    },
  };
}
