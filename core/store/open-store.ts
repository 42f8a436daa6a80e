import type { Kysely } from 'kysely';

import { createLogger } from '../logging/logger.js';
import { ApiKeyRepository } from './api-key-repository.js';
import { ConnectionRepository } from './connection-repository.js';
import { createDatabase } from './create-database.js';
import { CursorRepository } from './cursor-repository.js';
import type { Database, StoreDialect } from './database-schema.js';
import { migrateStore } from './migrate-store.js';
import { ModelRepository } from './model-repository.js';
import { OutboxRepository } from './outbox-repository.js';
import { RecordRepository } from './record-repository.js';
import { RunLeaseRepository } from './run-lease-repository.js';
import { RunRepository } from './run-repository.js';
import { ScoreRepository } from './score-repository.js';
import { readStoreIdentity } from './store-identity.js';
import { TenantRepository } from './tenant-repository.js';
import { WebhookDeliveryRepository } from './webhook-delivery-repository.js';
import { WebhookSeenIdRepository } from './webhook-seen-id-repository.js';
import { InboundChangeRepository } from './inbound-change-repository.js';
import { WebhookSubscriptionRepository } from './webhook-subscription-repository.js';

export interface StoreOptions {
  /** A `postgres://` URL selects PostgreSQL; absent or empty selects SQLite. */
  databaseUrl?: string;
  /** SQLite file; default `$CRM_ML_HOME/crm-ml.sqlite` or `./.crm-ml/crm-ml.sqlite`. */
  sqlitePath?: string;
}

/** Everything crm-ml keeps, one repository per kind of data, on SQLite or PostgreSQL. */
export interface Store {
  readonly dialect: StoreDialect;
  /** The store's random identity (migration 0009); queued jobs carry it to name their store. */
  readonly id: string;
  readonly connections: ConnectionRepository;
  readonly records: RecordRepository;
  readonly cursors: CursorRepository;
  readonly models: ModelRepository;
  readonly scores: ScoreRepository;
  readonly outbox: OutboxRepository;
  readonly runs: RunRepository;
  /** One lease per connection, held by the in-process run under way. */
  readonly runLeases: RunLeaseRepository;
  readonly tenants: TenantRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly webhookSubscriptions: WebhookSubscriptionRepository;
  readonly webhookDeliveries: WebhookDeliveryRepository;
  readonly webhookSeenIds: WebhookSeenIdRepository;
  /** Changes inbound CRM webhooks reported, until a run handled them. */
  readonly inboundChanges: InboundChangeRepository;
  /** Closes the database (the SQLite file or the PostgreSQL pool). */
  close(): Promise<void>;
}

const logger = createLogger('store');

const now = (): string => new Date().toISOString();

function buildStore(db: Kysely<Database>, dialect: StoreDialect, id: string): Store {
  return {
    dialect,
    id,
    connections: new ConnectionRepository(db, now),
    records: new RecordRepository(db, now, logger),
    cursors: new CursorRepository(db, now),
    models: new ModelRepository(db, now),
    scores: new ScoreRepository(db),
    outbox: new OutboxRepository(db, now, logger),
    runs: new RunRepository(db),
    runLeases: new RunLeaseRepository(db, now),
    tenants: new TenantRepository(db, now),
    apiKeys: new ApiKeyRepository(db, now),
    webhookSubscriptions: new WebhookSubscriptionRepository(db, now),
    webhookDeliveries: new WebhookDeliveryRepository(db, now),
    webhookSeenIds: new WebhookSeenIdRepository(db),
    inboundChanges: new InboundChangeRepository(db),
    close: () => db.destroy(),
  };
}

/**
 * Opens the store and brings its schema up to date.
 *
 * @example
 * const store = await openStore({ sqlitePath: ':memory:' });
 * const cursor = await store.cursors.get('hubspot-main', 'contacts');
 * await store.close();
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const { db, dialect, location } = createDatabase(options, logger);

  try {
    const applied = await migrateStore(db, dialect);
    const id = await readStoreIdentity(db);
    logger.info({ dialect, location, storeId: id, migrations: applied }, 'store opened');
    return buildStore(db, dialect, id);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
