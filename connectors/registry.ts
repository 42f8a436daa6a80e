import { CrmMlError } from '../core/errors/crm-ml-error.js';
import type { Json } from '../plugins/plugin.js';
import type { Connector } from './connector.js';

/**
 * Builds a connector from a connection's stored settings. The factory validates the settings
 * itself (they come from the store or an API call) and fails with a code naming the field.
 */
export type ConnectorFactory = (settings: Json) => Connector;

/** The CRMs a deployment can connect to, keyed by stable ids (`hubspot`, `salesforce`, …). */
export class ConnectorRegistry {
  private readonly factories = new Map<string, ConnectorFactory>();

  /** Adds a CRM; registering an id twice is an error, never a silent swap. */
  register(crm: string, factory: ConnectorFactory): this {
    if (this.factories.has(crm)) {
      throw new CrmMlError('connector_duplicate_id', `A connector for '${crm}' is registered`);
    }
    this.factories.set(crm, factory);
    return this;
  }

  create(crm: string, settings: Json): Connector {
    const factory = this.factories.get(crm);
    if (!factory) {
      const known = [...this.factories.keys()].join(', ') || 'none';
      throw new CrmMlError('connector_unknown', `No connector for '${crm}' (registered: ${known})`);
    }
    return factory(settings);
  }

  list(): string[] {
    return [...this.factories.keys()];
  }
}
