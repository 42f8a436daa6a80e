import { join } from 'node:path';

import type { CrmMlConfig } from '../config/index.js';
import { openStore, type Store } from '../store/index.js';

/** The store a configuration names: PostgreSQL when DATABASE_URL is set, else SQLite at home. */
export function openConfiguredStore(config: Readonly<CrmMlConfig>): Promise<Store> {
  return openStore(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : { sqlitePath: join(config.home, 'crm-ml.sqlite') },
  );
}
