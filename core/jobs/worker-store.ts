import { join } from 'node:path';

import type { CrmMlConfig } from '../config/index.js';
import { openStore, type Store } from '../store/index.js';
import { storeUnavailable } from '../store/store-unavailable.js';

/**
 * The store a configuration names: PostgreSQL when DATABASE_URL is set, else SQLite at home.
 * An unreachable PostgreSQL is a `store_unavailable` error naming DATABASE_URL.
 */
export async function openConfiguredStore(config: Readonly<CrmMlConfig>): Promise<Store> {
  const { databaseUrl } = config;
  if (!databaseUrl) return openStore({ sqlitePath: join(config.home, 'crm-ml.sqlite') });
  try {
    return await openStore({ databaseUrl });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code))
      throw storeUnavailable(databaseUrl, error);
    throw error;
  }
}
