import { parseString, processors } from 'xml2js';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';

/** One record change Salesforce pushed through an outbound message (workflow / flow action). */
export interface OutboundNotification {
  /** The notification id: Salesforce resends the same id until it gets an ack. */
  id: string;
  /** `Contact`, `Account`… from the sObject's `xsi:type`. */
  sObjectType: string;
  recordId: string;
  /** The fields the outbound message was set up to send; nil values are null. */
  fields: Record<string, string | null>;
}

export interface OutboundMessage {
  organizationId: string;
  actionId: string | null;
  notifications: OutboundNotification[];
}

type Node = Record<string, unknown>;

/**
 * Parses the SOAP body of a Salesforce outbound message and checks it comes from the expected
 * org. Org ids are compared on their first 15 characters: Salesforce may send the 18-character
 * form while configuration holds the 15-character one (the last 3 are a case checksum).
 * Parsed with xml2js (namespace prefixes stripped), which does not resolve external entities.
 */
export function parseOutboundMessage(xml: string, expectedOrgId: string): OutboundMessage {
  const root = parseXml(xml);
  const notifications = child(child(child(root, 'Envelope'), 'Body'), 'notifications');
  const organizationId = text(child(notifications, 'OrganizationId'));
  if (organizationId === null || organizationId === '') throw invalid('no OrganizationId');

  if (organizationId.slice(0, 15) !== expectedOrgId.slice(0, 15)) {
    throw new CrmMlError(
      'salesforce_outbound_org_mismatch',
      `Outbound message from org ${organizationId}, but this connection is for org ` +
        `${expectedOrgId}; it was not processed`,
    );
  }

  const items = children(notifications, 'Notification').map(toNotification);
  return { organizationId, actionId: text(child(notifications, 'ActionId')), notifications: items };
}

/** The SOAP answer Salesforce waits for; `false` makes it resend the message later. */
export function outboundAck(ok: boolean): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
    '<soapenv:Body>' +
    '<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">' +
    `<Ack>${ok ? 'true' : 'false'}</Ack>` +
    '</notificationsResponse>' +
    '</soapenv:Body>' +
    '</soapenv:Envelope>'
  );
}

function toNotification(node: Node): OutboundNotification {
  const id = text(child(node, 'Id'));
  const sObject = child(node, 'sObject');
  const declared = attribute(sObject, 'type') ?? '';
  const sObjectType = declared.includes(':') ? declared.slice(declared.indexOf(':') + 1) : declared;

  const fields: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(sObject)) {
    if (name === '$' || !Array.isArray(value)) continue;
    fields[name] = text(value[0] as Node | string | undefined);
  }
  const recordId = fields['Id'];
  if (id === null || typeof recordId !== 'string' || sObjectType === '') {
    throw invalid('a Notification without Id, sObject type or sObject Id');
  }
  return { id, sObjectType, recordId, fields };
}

function parseXml(xml: string): Node {
  let result: unknown = null;
  let failure: Error | null = null;
  // xml2js calls back synchronously unless its `async` option is set.
  parseString(
    xml,
    {
      explicitArray: true,
      tagNameProcessors: [processors.stripPrefix],
      attrNameProcessors: [processors.stripPrefix],
    },
    (error, parsed) => {
      failure = error;
      result = parsed;
    },
  );
  if (failure !== null) throw invalid(`not well-formed XML (${(failure as Error).message})`);
  if (!isNode(result)) throw invalid('an empty document');
  return result;
}

function children(node: Node, name: string): Node[] {
  // xml2js wraps children in arrays (explicitArray) but hands back the root element bare.
  const value = node[name];
  const items: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.map((item) => (isNode(item) ? item : { _: item }));
}

function child(node: Node, name: string): Node {
  const first = children(node, name)[0];
  if (first === undefined) throw invalid(`no ${name} element`);
  return first;
}

/** Element text: a bare string, `{_: text}` when it has attributes, null when `xsi:nil`. */
function text(node: Node | string | undefined): string | null {
  if (node === undefined) return null;
  if (typeof node === 'string') return node;
  if (attribute(node, 'nil') === 'true') return null;
  const value = node['_'];
  return typeof value === 'string' ? value : '';
}

function attribute(node: Node, name: string): string | null {
  const attributes = node['$'];
  if (!isNode(attributes)) return null;
  const value = attributes[name];
  return typeof value === 'string' ? value : null;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(what: string): CrmMlError {
  return new CrmMlError(
    'salesforce_outbound_invalid',
    `Not a Salesforce outbound message: ${what}`,
  );
}
