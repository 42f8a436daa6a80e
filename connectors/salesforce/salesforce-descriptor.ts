import type { ConnectorDescriptor } from '../connector.js';
import type { ObjectType } from '../../core/records/crm-record.js';

/** Salesforce facts beyond the shared descriptor: limits, names and defaults, kept as data. */
export interface SalesforceDescriptor extends ConnectorDescriptor {
  /** Pinned so a Salesforce release never changes payloads under us. */
  defaultApiVersion: string;
  defaultLoginUrl: string;
  /** The sObject behind each object type unless configured otherwise. */
  defaultObjects: Readonly<Partial<Record<ObjectType, string>>>;
  /** Lookup fields that become `associations`, per sObject; custom objects use their lookups. */
  associationFields: Readonly<Record<string, readonly string[]>>;
  /** First three characters of standard record ids, to resolve polymorphic lookups (WhoId). */
  keyPrefixes: Readonly<Record<string, string>>;
  /** Above this many matching records a sync reads through a Bulk API 2.0 query job. */
  defaultBulkThreshold: number;
  /** Above this many updates a write goes through a Bulk API 2.0 ingest job. */
  bulkIngestThreshold: number;
  /** Stop before this share of the org's daily API allowance is used. */
  defaultApiBudgetShare: number;
  /** Ids per `WHERE Id IN (…)`: keeps the SOQL well under its 100,000-character limit. */
  fetchChunkSize: number;
  limitInfoHeader: string;
  bulkLocatorHeader: string;
  /** crm-ml field `crm_ml_churn_score` is the custom field `Crm_Ml_Churn_Score__c`. */
  customFieldSuffix: string;
}

/** What crm-ml knows about the Salesforce REST, Bulk 2.0 and Tooling APIs, as data. */
export const salesforceDescriptor: SalesforceDescriptor = Object.freeze<SalesforceDescriptor>({
  id: 'salesforce',
  label: 'Salesforce',
  objectTypes: [
    'contacts',
    'leads',
    'companies',
    'deals',
    'line_items',
    'tickets',
    'calls',
    'meetings',
    'notes',
    'emails',
    'orders',
  ],
  // REST query returns up to 2,000 records per batch; Salesforce may choose fewer.
  readPageSize: 2000,
  // sObject Collections accept at most 200 records per call.
  writeBatchSize: 200,
  cursorField: 'SystemModstamp',
  defaultApiVersion: '62.0',
  defaultLoginUrl: 'https://login.salesforce.com',
  defaultObjects: {
    contacts: 'Contact',
    leads: 'Lead',
    companies: 'Account',
    deals: 'Opportunity',
    line_items: 'OpportunityLineItem',
    tickets: 'Case',
    // Logged calls are Tasks (TaskSubtype 'Call'); every Task is read, the subtype is a property.
    calls: 'Task',
    // Events are the calendar half of activities: meetings, with start and end times.
    meetings: 'Event',
    notes: 'Note',
    emails: 'EmailMessage',
    orders: 'Order',
  },
  associationFields: {
    Contact: ['AccountId'],
    Opportunity: ['AccountId', 'ContactId'],
    OpportunityLineItem: ['OpportunityId'],
    Case: ['ContactId', 'AccountId'],
    Task: ['WhoId', 'WhatId'],
    Event: ['WhoId', 'WhatId'],
    Note: ['ParentId'],
    EmailMessage: ['ParentId', 'RelatedToId'],
    Order: ['AccountId', 'OpportunityId'],
  },
  keyPrefixes: {
    '001': 'Account',
    '003': 'Contact',
    '00Q': 'Lead',
    '006': 'Opportunity',
    '00k': 'OpportunityLineItem',
    '500': 'Case',
    '00T': 'Task',
    '00U': 'Event',
    '002': 'Note',
    '02s': 'EmailMessage',
    '801': 'Order',
  },
  defaultBulkThreshold: 50_000,
  bulkIngestThreshold: 2000,
  defaultApiBudgetShare: 0.8,
  fetchChunkSize: 200,
  limitInfoHeader: 'sforce-limit-info',
  bulkLocatorHeader: 'sforce-locator',
  customFieldSuffix: '__c',
});
