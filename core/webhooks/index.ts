// Webhooks: outbound events to subscribers (Standard Webhooks) and inbound CRM notifications.
export { WebhookService, DEFAULT_RISK_THRESHOLD } from './webhook-service.js';
export type {
  NewSubscription,
  WebhookServiceOptions,
  WebhookSubscription,
} from './webhook-service.js';
export type { SubscribeInput } from './subscription-input.js';
export { DeliveryScheduler } from './delivery-scheduler.js';
export type {
  DeliveryLoop,
  DeliverySchedulerOptions,
  RunDueSummary,
} from './delivery-scheduler.js';
export type { DisabledNotice } from './attempt-delivery.js';
export { fetchSender } from './http-sender.js';
export type { HttpSender, WebhookRequest, WebhookResponse } from './http-sender.js';
export { RETRY_DELAYS_MS } from './retry-schedule.js';
export { WEBHOOK_EVENT_TYPES } from './webhook-event.js';
export type { WebhookBody, WebhookEvent, WebhookEventType } from './webhook-event.js';
export { emitRunEvents, emitRunOutcome, emitScoreEvents } from './emit-run-events.js';
export { webhookPipelineEvents } from './webhook-pipeline-events.js';
export type { FailedRun, ScoreChange } from './emit-run-events.js';
export { createHooksRouter } from './create-hooks-router.js';
export type { HooksRouterOptions } from './create-hooks-router.js';
export type { ChangesAcceptedHandler } from './inbound-changes.js';
