import type { Generated } from 'kysely';

// Column conventions, chosen so one schema runs on SQLite and PostgreSQL alike:
// JSON is `text`, timestamps are ISO 8601 UTC `text` (they sort as strings), flags are
// integer 0/1, and generated ids are the only dialect-specific columns.

export interface ConnectionTable {
  id: string;
  crm: string;
  label: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface RecordTable {
  connection_id: string;
  object_type: string;
  id: string;
  properties: string;
  raw: string | null;
  /** `CrmRecord.associations` as JSON, or null when the connector read none. */
  associations: string | null;
  updated_at: string;
  archived: number;
  content_hash: string;
  changed_at: string;
  synced_at: string;
}

export interface CursorTable {
  connection_id: string;
  object_type: string;
  cursor: string;
  updated_at: string;
}

export interface ModelTable {
  id: Generated<number>;
  connection_id: string;
  plugin_id: string;
  version: number;
  config: string;
  weights: string;
  metrics: string;
  /** Canonical JSON of the plugin options it was trained with; null for models saved before 0008. */
  options: string | null;
  trained_at: string;
  created_at: string;
}

export interface ScoreTable {
  model_id: number;
  connection_id: string;
  plugin_id: string;
  record_id: string;
  score: number;
  field_values: string;
  scored_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  connection_id: string;
  object_type: string;
  record_id: string;
  plugin_id: string;
  field_values: string;
  model_version: number;
  scored_at: string;
  status: string;
  attempts: number;
  last_error_code: string | null;
  last_error_message: string | null;
  created_at: string;
  updated_at: string;
  written_at: string | null;
  /** The worker writing this entry now (migration 0002), until `claim_expires_at`. */
  claimed_by: string | null;
  claim_expires_at: string | null;
}

export interface WritebackStateTable {
  connection_id: string;
  object_type: string;
  record_id: string;
  plugin_id: string;
  field_values: string;
  model_version: number;
  scored_at: string;
  written_at: string;
  outbox_id: number;
}

export interface RunTable {
  id: Generated<number>;
  connection_id: string;
  kind: string;
  status: string;
  summary: string | null;
  started_at: string;
  finished_at: string | null;
  /** The run's id outside the store (migration 0007); null for runs recorded before. */
  run_id: string | null;
}

export interface WebhookSubscriptionTable {
  id: string;
  tenant_id: string;
  url: string;
  events: string;
  connection_ids: string | null;
  risk_threshold: number | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  status: string;
  disabled_reason: string | null;
  failing_since: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookEventTable {
  id: string;
  type: string;
  connection_id: string;
  body: string;
  created_at: string;
}

export interface WebhookDeliveryTable {
  id: string;
  event_id: string;
  subscription_id: string;
  tenant_id: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  claimed_until: string | null;
  last_response_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookAttemptTable {
  id: string;
  delivery_id: string;
  subscription_id: string;
  event_id: string;
  attempt: number;
  attempted_at: string;
  status: string;
  response_code: number | null;
  duration_ms: number;
  error: string | null;
  next_attempt_at: string | null;
}

export interface WebhookSeenIdTable {
  source: string;
  id: string;
  expires_at: string;
}

export interface InboundChangeTable {
  source: string;
  delivery_id: string;
  connection_id: string;
  object_type: string;
  record_id: string;
  received_at: string;
  expires_at: string;
  handled_at: string | null;
}

export interface TenantTable {
  id: string;
  label: string;
  created_at: string;
}

export interface ApiKeyTable {
  id: string;
  tenant_id: string;
  scope: string;
  hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ConnectionOwnerTable {
  connection_id: string;
  tenant_id: string;
  hubspot_portal_id: string | null;
}

export interface StoreIdentityTable {
  /** Random, made once by migration 0009; queued jobs carry it so a worker of another store refuses them. */
  id: string;
  created_at: string;
}

export interface RunLeaseTable {
  connection_id: string;
  /** The run holding the lease; renewal and release match it. */
  run_id: string;
  /** Where the run lives (`host pid <n>`), for the refusal message. */
  holder: string;
  acquired_at: string;
  expires_at: string;
}

/** The store's tables as Kysely sees them. */
export interface Database {
  connections: ConnectionTable;
  records: RecordTable;
  cursors: CursorTable;
  models: ModelTable;
  scores: ScoreTable;
  outbox: OutboxTable;
  writeback_state: WritebackStateTable;
  runs: RunTable;
  webhook_subscriptions: WebhookSubscriptionTable;
  webhook_events: WebhookEventTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  webhook_seen_ids: WebhookSeenIdTable;
  inbound_changes: InboundChangeTable;
  tenants: TenantTable;
  api_keys: ApiKeyTable;
  connection_owners: ConnectionOwnerTable;
  store_identity: StoreIdentityTable;
  run_leases: RunLeaseTable;
}

export type StoreDialect = 'sqlite' | 'postgres';
