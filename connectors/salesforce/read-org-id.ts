import { z } from 'zod';

import type { SalesforceApi } from './salesforce-api.js';
import { parsePayload } from './salesforce-schemas.js';

const ENDPOINT = 'GET /services/oauth2/userinfo';
const userinfoSchema = z.object({ organization_id: z.string().regex(/^00D\w{12}(\w{3})?$/) });

/** The 18-character id of the org the session belongs to (OpenID Connect userinfo). */
export async function readOrgId(api: SalesforceApi): Promise<string> {
  const { body } = await api.call(ENDPOINT, { method: 'GET', url: '/services/oauth2/userinfo' });
  return parsePayload(userinfoSchema, body, ENDPOINT).organization_id;
}
