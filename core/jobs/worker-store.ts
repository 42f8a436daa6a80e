import { join } from 'node:path';

import type { CrmMlConfig } from '../config/index.js';
import { openStore, type Store } from '../store/index.js';
import { isConnectionFailure, storeUnavailable } from '../store/store-unavailable.js';

/**
 * The store a configuration names: PostgreSQL when DATABASE_URL is set, else SQLite at home.
 * A PostgreSQL that cannot be reached, or refuses us (no such database, a wrong password), is
 * a `store_unavailable` error naming DATABASE_URL.
 */
export async function openConfiguredStore(config: Readonly<CrmMlConfig>): Promise<Store> {
  const { databaseUrl } = config;
  if (!databaseUrl) return openStore({ sqlitePath: join(config.home, 'crm-ml.sqlite') });
  try {
    return await openStore({ databaseUrl });
  } catch (error) {
    throw isConnectionFailure(error) ? storeUnavailable(databaseUrl, error) : error;
  }
}
