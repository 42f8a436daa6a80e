import { z } from 'zod';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { parseOrThrow } from '../../core/errors/parse-or-throw.js';
import { OBJECT_TYPES } from '../../core/records/crm-record.js';
import type { Json } from '../../plugins/plugin.js';
import type { SalesforceConnectorOptions } from './salesforce-connector.js';

const text = z.string().min(1);

// What a stored Salesforce connection holds; everything else is a connector default.
const settingsSchema = z.strictObject({
  instanceUrl: z.url(),
  accessToken: text.optional(),
  apiVersion: z
    .string()
    .regex(/^\d+\.0$/, "must look like '62.0'")
    .optional(),
  refresh: z
    .strictObject({
      clientId: text,
      clientSecret: text,
      refreshToken: text,
      loginUrl: z.url().optional(),
    })
    .optional(),
  jwt: z
    .strictObject({
      clientId: text,
      username: text,
      privateKeyPem: text,
      loginUrl: z.url().optional(),
      audience: text.optional(),
    })
    .optional(),
  objects: z.partialRecord(z.enum(OBJECT_TYPES), text).optional(),
  apiBudgetShare: z.number().gt(0).max(1).optional(),
});

/** Reads a stored Salesforce connection's settings into connector options. */
export function parseSalesforceSettings(settings: Json): SalesforceConnectorOptions {
  const parsed = parseOrThrow(
    settingsSchema,
    settings,
    'connection_settings_invalid',
    'Salesforce connection setting',
  );
  if (!parsed.accessToken && !parsed.refresh && !parsed.jwt) {
    throw new CrmMlError(
      'connection_settings_invalid',
      'A Salesforce connection needs credentials',
      {
        details: [{ path: '(settings)', message: 'needs accessToken, refresh or jwt' }],
      },
    );
  }
  // Zod leaves absent keys out (never `undefined`), which is what the options expect.
  return parsed as unknown as SalesforceConnectorOptions;
}
