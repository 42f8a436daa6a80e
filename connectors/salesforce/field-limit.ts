import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import type { SalesforceApi } from './salesforce-api.js';
import { parsePayload, queryResultSchema } from './salesforce-schemas.js';
import { soqlString } from './soql.js';

const log = createLogger('connector.salesforce');

const entityLimitSchema = z.object({ Max: z.number(), Remaining: z.number().optional() });

/**
 * The object's custom-field allowance from the Tooling API's EntityLimit (type CustomFields,
 * API 45.0+). Null when the org does not answer it: creation then stops at Salesforce's own
 * LIMIT_EXCEEDED instead.
 */
export async function readFieldLimit(api: SalesforceApi, sObject: string): Promise<number | null> {
  const soql =
    'SELECT Type, Max, Remaining FROM EntityLimit WHERE EntityDefinitionId = ' +
    `${soqlString(sObject)} AND Type = 'CustomFields'`;
  const endpoint = 'GET /tooling/query (EntityLimit)';
  try {
    const { body } = await api.call(endpoint, {
      method: 'GET',
      url: `/tooling/query?q=${encodeURIComponent(soql)}`,
    });
    const row = parsePayload(queryResultSchema, body, endpoint).records[0];
    const parsed = entityLimitSchema.safeParse(row);
    return parsed.success ? parsed.data.Max : null;
  } catch (error) {
    // Only a refusal of the query itself means "not answered"; auth, budget and outages stop.
    const refused = ['salesforce_request_rejected', 'crm_object_unavailable'];
    if (!(error instanceof CrmMlError) || !refused.includes(error.code)) throw error;
    log.warn(
      { sObject, error: String(error) },
      'EntityLimit unavailable; relying on LIMIT_EXCEEDED',
    );
    return null;
  }
}
