// The store: SQLite or PostgreSQL behind one set of repositories.
export { openStore } from './open-store.js';
export type { Store, StoreOptions } from './open-store.js';
export type { StoreDialect } from './database-schema.js';
export type { Connection, ConnectionInput, ConnectionRepository } from './connection-repository.js';
export type { CursorRepository } from './cursor-repository.js';
export type {
  CountOptions,
  IterateOptions,
  RecordRepository,
  SavePageResult,
} from './record-repository.js';
export type {
  ModelRepository,
  ModelSummary,
  SaveModelInput,
  StoredModel,
} from './model-repository.js';
export type { ScoreInput, ScoreRepository, StoredScore } from './score-repository.js';
export type { OutboxRepository, PendingOptions, WriteFailure } from './outbox-repository.js';
export type { ForeignClaims } from './outbox-claims.js';
export type { OutboxEntry, OutboxItem, OutboxStatus, WrittenState } from './outbox-rows.js';
export type { Run, RunFinish, RunRepository, RunStart, RunStatus } from './run-repository.js';
export type {
  LeaseOutcome,
  RunLease,
  RunLeaseRepository,
  RunLeaseRequest,
} from './run-lease-repository.js';
export type {
  NewWebhookSubscription,
  StoredWebhookSubscription,
  WebhookSubscriptionRepository,
  WebhookSubscriptionStatus,
} from './webhook-subscription-repository.js';
export type {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveryTarget,
  ReplaySelector,
  StoredWebhookEvent,
  WebhookAttempt,
  WebhookDeliveryRepository,
  WebhookDeliveryStatus,
} from './webhook-delivery-repository.js';
export type { WebhookSeenIdRepository } from './webhook-seen-id-repository.js';
export type {
  InboundChangeInput,
  InboundChangeRepository,
  PendingChange,
} from './inbound-change-repository.js';
export type { ConnectionOwner, Tenant, TenantRepository } from './tenant-repository.js';
export type { ApiKeyInput, ApiKeyRecord, ApiKeyRepository } from './api-key-repository.js';
