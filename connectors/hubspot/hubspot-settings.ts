import { z } from 'zod';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { zodDetails } from '../../core/errors/parse-or-throw.js';
import type { Json } from '../../plugins/plugin.js';
import type { HubSpotConnectorOptions } from './hubspot-connector.js';

const settingsSchema = z.object({
  accessToken: z.string().min(1),
  basePath: z.url().optional(),
  oauth: z
    .object({
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      refreshToken: z.string().min(1),
    })
    .optional(),
});

/** Reads a stored HubSpot connection's settings into connector options. */
export function parseHubSpotSettings(settings: Json): HubSpotConnectorOptions {
  const result = settingsSchema.safeParse(settings);
  if (!result.success) {
    throw new CrmMlError('connection_settings_invalid', 'HubSpot connection settings are invalid', {
      details: zodDetails(result.error, '(settings)'),
    });
  }
  const { accessToken, basePath, oauth } = result.data;
  return {
    accessToken,
    ...(basePath === undefined ? {} : { basePath }),
    ...(oauth === undefined ? {} : { oauth }),
  };
}
