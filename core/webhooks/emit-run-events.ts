import type { Json } from '../../plugins/plugin.js';
import { CHURN_SCORE_FIELD } from '../../plugins/churn/churn-fields.js';
import { SEGMENT_FIELD, SEGMENT_ID_FIELD } from '../../plugins/segments/segments-fields.js';
import {
  NEGATIVE_TOPICS_FIELD,
  SENTIMENT_LABEL_FIELD,
} from '../../plugins/sentiment/sentiment-fields.js';
import type { FailedRun, ScoreChange } from '../pipeline/pipeline-events.js';
import type { RunSummary } from '../pipeline/run-pipeline.js';
import type { WebhookEvent } from './webhook-event.js';
import type { WebhookService } from './webhook-service.js';

export type { FailedRun, ScoreChange } from '../pipeline/pipeline-events.js';

// Plugin ids as the plugins register them (their model modules are too heavy to import here).
const CHURN = 'churn';
const SEGMENTS = 'segments';
const SENTIMENT = 'sentiment';

/** Records per event: subscribers get manageable bodies even after a full rescoring. */
const RECORDS_PER_EVENT = 100;

/**
 * Emits what a run means to subscribers: `score.updated` per batch of changed records,
 * `churn.risk_crossed` per subscription whose threshold a score crossed (either way; a first
 * score crosses nothing), `segment.changed`, `sentiment.negative` for records newly negative,
 * and `run.completed` or `run.failed`. Returns how many events were emitted.
 */
export async function emitRunEvents(
  service: WebhookService,
  summary: RunSummary | FailedRun,
  scoresChanged: readonly ScoreChange[],
): Promise<number> {
  const { connectionId, runId } = summary;
  const scoreEvents =
    'error' in summary ? 0 : await emitScoreEvents(service, connectionId, runId, scoresChanged);
  return scoreEvents + (await emitRunOutcome(service, summary));
}

/** The events changed scores mean: updates, risk crossings, segment moves, negative sentiment. */
export async function emitScoreEvents(
  service: WebhookService,
  connectionId: string,
  runId: string,
  scoresChanged: readonly ScoreChange[],
): Promise<number> {
  const events: WebhookEvent[] = [
    ...scoreUpdates(connectionId, runId, scoresChanged),
    ...(await riskCrossings(service, connectionId, runId, scoresChanged)),
    ...segmentChanges(connectionId, runId, scoresChanged),
    ...negativeSentiment(connectionId, runId, scoresChanged),
  ];
  for (const event of events) await service.emit(event);
  return events.length;
}

/** `run.completed` or `run.failed`. */
export async function emitRunOutcome(
  service: WebhookService,
  summary: RunSummary | FailedRun,
): Promise<number> {
  const { connectionId, runId } = summary;
  if ('error' in summary) {
    await service.emit({ type: 'run.failed', connectionId, data: { runId, error: summary.error } });
  } else {
    await service.emit({ type: 'run.completed', connectionId, data: runCompleted(summary) });
  }
  return 1;
}

function scoreUpdates(
  connectionId: string,
  runId: string,
  changes: readonly ScoreChange[],
): WebhookEvent[] {
  const byPlugin = new Map<string, ScoreChange[]>();
  for (const change of changes) {
    byPlugin.set(change.pluginId, [...(byPlugin.get(change.pluginId) ?? []), change]);
  }

  return [...byPlugin].flatMap(([pluginId, pluginChanges]) =>
    batches(pluginChanges).map((batch) => ({
      type: 'score.updated' as const,
      connectionId,
      data: {
        runId,
        pluginId,
        records: batch.map((change) => ({
          recordId: change.recordId,
          score: change.score,
          previousScore: change.previous?.score ?? null,
          values: change.values,
        })),
      },
    })),
  );
}

async function riskCrossings(
  service: WebhookService,
  connectionId: string,
  runId: string,
  changes: readonly ScoreChange[],
): Promise<WebhookEvent[]> {
  const churn = changes.flatMap((change) => {
    const previous = previousChurnScore(change);
    return change.pluginId === CHURN && previous !== null ? [{ change, previous }] : [];
  });
  if (churn.length === 0) return [];

  const events: WebhookEvent[] = [];
  for (const subscriber of await service.subscribersTo('churn.risk_crossed', connectionId)) {
    const threshold = subscriber.riskThreshold;
    const crossed = churn.filter(
      ({ change, previous }) => previous < threshold !== change.score < threshold,
    );
    for (const batch of batches(crossed)) {
      const records = batch.map(({ change, previous }) => ({
        recordId: change.recordId,
        previousScore: previous,
        score: change.score,
        direction: change.score >= threshold ? 'up' : 'down',
      }));
      events.push({
        type: 'churn.risk_crossed',
        connectionId,
        data: { runId, threshold, records },
        subscriptionIds: [subscriber.id],
      });
    }
  }
  return events;
}

/** The previous churn probability: the stored score, else the written 0–100 field. */
function previousChurnScore(change: ScoreChange): number | null {
  if (change.previous === null) return null;
  if (change.previous.score !== null) return change.previous.score;
  const written = change.previous.values[CHURN_SCORE_FIELD];
  return typeof written === 'number' ? written / 100 : null;
}

function segmentChanges(
  connectionId: string,
  runId: string,
  changes: readonly ScoreChange[],
): WebhookEvent[] {
  const moved = changes.filter(
    (change) =>
      change.pluginId === SEGMENTS &&
      change.previous !== null &&
      (change.previous.values[SEGMENT_ID_FIELD] ?? null) !==
        (change.values[SEGMENT_ID_FIELD] ?? null),
  );
  return batches(moved).map((batch) => ({
    type: 'segment.changed',
    connectionId,
    data: {
      runId,
      records: batch.map((change) => ({
        recordId: change.recordId,
        previousSegmentId: change.previous?.values[SEGMENT_ID_FIELD] ?? null,
        previousSegment: change.previous?.values[SEGMENT_FIELD] ?? null,
        segmentId: change.values[SEGMENT_ID_FIELD] ?? null,
        segment: change.values[SEGMENT_FIELD] ?? null,
      })),
    },
  }));
}

function negativeSentiment(
  connectionId: string,
  runId: string,
  changes: readonly ScoreChange[],
): WebhookEvent[] {
  const negative = changes.filter(
    (change) =>
      change.pluginId === SENTIMENT &&
      change.values[SENTIMENT_LABEL_FIELD] === 'negative' &&
      change.previous?.values[SENTIMENT_LABEL_FIELD] !== 'negative',
  );
  return batches(negative).map((batch) => ({
    type: 'sentiment.negative',
    connectionId,
    data: {
      runId,
      records: batch.map((change) => ({
        recordId: change.recordId,
        score: change.score,
        topics: change.values[NEGATIVE_TOPICS_FIELD] ?? null,
      })),
    },
  }));
}

function runCompleted(summary: RunSummary): { [key: string]: Json } {
  return {
    runId: summary.runId,
    scored: summary.score.reduce((sum, s) => sum + s.scored, 0),
    queued: summary.score.reduce((sum, s) => sum + s.queued, 0),
    written: summary.writeback.written,
    failed: summary.writeback.failed,
    seconds: summary.seconds,
  };
}

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += RECORDS_PER_EVENT) {
    result.push(items.slice(start, start + RECORDS_PER_EVENT));
  }
  return result;
}
