// Kept apart from configured-crm.ts so the CLI's help text can name them without the connectors.

/** The CRMs `crm-ml run` and `crm-ml uninstall` can be configured for. */
export const CONFIGURABLE_CRMS = ['hubspot', 'salesforce'] as const;
export type ConfigurableCrm = (typeof CONFIGURABLE_CRMS)[number];
