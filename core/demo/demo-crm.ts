import type { Connector } from '../../connectors/connector.js';
import type { ObjectType } from '../records/crm-record.js';

/** The CRMs `crm-ml demo` can run against. */
export const DEMO_CRMS = ['hubspot', 'salesforce'] as const;
export type DemoCrmId = (typeof DEMO_CRMS)[number];

/**
 * A seeded sandbox of one CRM, ready for the demo's run: the connector on it, the plugin
 * options naming that CRM's properties, and a line saying what was seeded.
 */
export interface DemoCrm {
  connector: Connector;
  connectionId: string;
  pluginOptions: Record<string, Record<string, unknown>>;
  /** The object types the sentiment plugin reads, when not all of its default inputs. */
  textInputs?: readonly ObjectType[];
  /** The sandbox's URL, for `--keep`. */
  url: string;
  /** The environment that points `crm-ml run` at this sandbox, for `--keep`. */
  runEnvironment: string;
  /** What was seeded, for people watching. */
  description: string;
  close(): Promise<void>;
}

/** The seed every demo trains with, so each CRM's run gives the same figures. */
export const DEMO_SEED = 42;

/** Churn on the Telco `Churn` column, its split keyed by customer number (the same per CRM). */
export const DEMO_CHURN_OPTIONS = { target: 'churn', positive: 'Yes', idProperty: 'customer_id' };

/**
 * The Online Retail columns of each order line, as both CRMs name them once seeded
 * (toPropertyName in HubSpot; `Invoice_Date__c` and so on, read back as `invoice_date`).
 */
export const DEMO_ORDER_FIELDS = {
  timeProperty: 'invoice_date',
  quantityProperty: 'quantity',
  invoiceProperty: 'invoice_no',
};
