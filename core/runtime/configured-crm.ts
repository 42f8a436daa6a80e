import { readFileSync } from 'node:fs';

import type { Connector } from '../../connectors/connector.js';
import type { CrmMlConfig } from '../config/index.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Json } from '../../plugins/plugin.js';
import { CONFIGURABLE_CRMS, type ConfigurableCrm } from './configurable-crms.js';
import { defaultConnectors } from './default-registries.js';

export { CONFIGURABLE_CRMS, type ConfigurableCrm };

/** The CRM the configuration names, and its connector settings as a stored connection keeps them. */
export interface ConfiguredCrm {
  crm: ConfigurableCrm;
  label: string;
  settings: Json;
}

/** A connector on the configured CRM, and the connection id its account gives it. */
export interface ConfiguredConnection extends ConfiguredCrm {
  connectionId: string;
  connector: Connector;
}

/**
 * Which CRM the configuration sets up: HubSpot (HUBSPOT_ACCESS_TOKEN) or Salesforce
 * (SALESFORCE_INSTANCE_URL with a token, refresh-token or JWT settings). `wanted` picks one
 * when both are configured, and must name one that is.
 */
export function configuredCrm(
  config: Readonly<CrmMlConfig>,
  wanted?: ConfigurableCrm,
): ConfiguredCrm {
  const hubspot = config.hubspot.accessToken === undefined ? null : hubspotCrm(config);
  const salesforce = config.salesforce === undefined ? null : salesforceCrm(config.salesforce);

  if (wanted === 'hubspot' || (wanted === undefined && hubspot !== null && salesforce === null)) {
    if (hubspot !== null) return hubspot;
    throw missing(
      'HUBSPOT_ACCESS_TOKEN is not set: create a private app in HubSpot and export its token',
    );
  }
  if (
    wanted === 'salesforce' ||
    (wanted === undefined && salesforce !== null && hubspot === null)
  ) {
    if (salesforce !== null) return salesforce;
    throw missing(
      'SALESFORCE_INSTANCE_URL is not set: export it with SALESFORCE_ACCESS_TOKEN ' +
        '(or refresh-token or JWT settings)',
    );
  }
  if (hubspot !== null && salesforce !== null) {
    throw new CrmMlError(
      'config_invalid',
      'Both HubSpot and Salesforce are configured; choose one with --crm hubspot|salesforce',
    );
  }
  throw missing(
    'No CRM is configured: set HUBSPOT_ACCESS_TOKEN, or SALESFORCE_INSTANCE_URL with SALESFORCE_ACCESS_TOKEN',
  );
}

/**
 * Opens a connector on the configured CRM and names the connection after its account
 * (`hubspot-<portal id>`, `salesforce-<org id>`), so two portals never share a store's data.
 */
export async function openConfiguredConnection(
  config: Readonly<CrmMlConfig>,
  wanted?: ConfigurableCrm,
): Promise<ConfiguredConnection> {
  const chosen = configuredCrm(config, wanted);
  const connector = defaultConnectors().create(chosen.crm, chosen.settings);
  try {
    const account = connector.accountId === undefined ? null : await connector.accountId();
    const connectionId = account === null ? chosen.crm : `${chosen.crm}-${account}`;
    return { ...chosen, connectionId, connector };
  } catch (error) {
    await connector.close?.();
    throw error;
  }
}

/** The `--crm` option, checked; undefined when not given. */
export function parseCrm(value: string | undefined): ConfigurableCrm | undefined {
  if (value === undefined) return undefined;
  if ((CONFIGURABLE_CRMS as readonly string[]).includes(value)) return value as ConfigurableCrm;
  throw new CrmMlError(
    'cli_invalid_option',
    `--crm must be ${CONFIGURABLE_CRMS.join(' or ')}, got '${value}'`,
  );
}

function hubspotCrm(config: Readonly<CrmMlConfig>): ConfiguredCrm {
  const { hubspot } = config;
  return {
    crm: 'hubspot',
    label: 'HubSpot',
    settings: {
      accessToken: hubspot.accessToken ?? '',
      ...(hubspot.baseUrl ? { basePath: hubspot.baseUrl } : {}),
      ...(hubspot.oauth ? { oauth: { ...hubspot.oauth } } : {}),
    },
  };
}

function salesforceCrm(salesforce: NonNullable<CrmMlConfig['salesforce']>): ConfiguredCrm {
  const { jwt } = salesforce;
  return {
    crm: 'salesforce',
    label: 'Salesforce',
    settings: {
      instanceUrl: salesforce.instanceUrl,
      ...(salesforce.accessToken === undefined ? {} : { accessToken: salesforce.accessToken }),
      ...(salesforce.refresh === undefined ? {} : { refresh: { ...salesforce.refresh } }),
      ...(jwt === undefined
        ? {}
        : {
            jwt: {
              clientId: jwt.clientId,
              username: jwt.username,
              privateKeyPem: readKey(jwt.privateKeyFile),
              ...(jwt.loginUrl === undefined ? {} : { loginUrl: jwt.loginUrl }),
            },
          }),
    },
  };
}

function readKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CrmMlError('config_invalid', `SALESFORCE_PRIVATE_KEY_FILE: cannot read ${path}`, {
      cause: error,
      details: [{ path: 'SALESFORCE_PRIVATE_KEY_FILE', message: 'is not a readable file' }],
    });
  }
}

function missing(message: string): CrmMlError {
  return new CrmMlError('config_missing', message);
}
