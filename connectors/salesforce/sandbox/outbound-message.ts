import { randomBytes } from 'node:crypto';
import type { FieldValue } from './field-definition.js';
import { makeRecordId } from './record-id.js';

export interface OutboundMessageInput {
  orgId: string;
  /** The sObject type, e.g. 'Contact'. */
  objectType: string;
  /** Up to 100 records (Salesforce's cap per message), each with its Id and the chosen fields. */
  records: readonly Record<string, FieldValue | Date>[];
  /** Base URL for the EnterpriseUrl/PartnerUrl callbacks, e.g. the sandbox URL. */
  instanceUrl: string;
  /** The workflow action (04k…); default a fixed sandbox id. */
  actionId?: string;
  /** Sent only when the outbound message is set to include a session id. */
  sessionId?: string;
  apiVersion?: string;
}

/** A notification ready to POST to a listener, and the body the listener must answer. */
export interface OutboundMessage {
  body: string;
  headers: Record<string, string>;
  /** Notification ids (04l…) in record order; Salesforce may redeliver the same ones. */
  notificationIds: string[];
  /** The acknowledgement Salesforce expects back (HTTP 200, `<Ack>true</Ack>`). */
  ackBody: string;
}

const SOAP_ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n <soapenv:Body>\n';
const SOAP_ENVELOPE_CLOSE = ' </soapenv:Body>\n</soapenv:Envelope>\n';

/** The acknowledgement body an outbound-message listener returns. */
export const OUTBOUND_ACK_BODY =
  SOAP_ENVELOPE_OPEN +
  '  <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">\n' +
  '   <Ack>true</Ack>\n  </notificationsResponse>\n' +
  SOAP_ENVELOPE_CLOSE;

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** Enterprise-WSDL text of a value: datetimes in the Z form, dates as YYYY-MM-DD. */
function xmlValue(value: FieldValue | Date): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return escapeXml(value.replace(/\+0000$/, 'Z'));
  return String(value);
}

/**
 * Builds the SOAP notification Salesforce POSTs for an outbound message on these records:
 * `notifications` in the 2005/09/outbound namespace, one `Notification` per record with its
 * `sObject xsi:type="sf:Type"`. Null fields are left out, as Salesforce omits them.
 */
export function buildOutboundMessage(input: OutboundMessageInput): OutboundMessage {
  const version = input.apiVersion ?? '62.0';
  const org15 = input.orgId.slice(0, 15);
  const notificationIds = input.records.map(() =>
    makeRecordId('04l', randomBytes(4).readUInt32BE(0)),
  );

  const notifications = input.records.map((record, index) => {
    const fields = Object.entries(record)
      .filter(([, value]) => value !== null)
      .map(([name, value]) => `     <sf:${name}>${xmlValue(value)}</sf:${name}>\n`)
      .join('');
    return (
      '   <Notification>\n' +
      `    <Id>${notificationIds[index] ?? ''}</Id>\n` +
      `    <sObject xsi:type="sf:${input.objectType}" ` +
      'xmlns:sf="urn:sobject.enterprise.soap.sforce.com">\n' +
      fields +
      '    </sObject>\n' +
      '   </Notification>\n'
    );
  });

  const session =
    input.sessionId === undefined
      ? '   <SessionId xsi:nil="true"/>\n'
      : `   <SessionId>${escapeXml(input.sessionId)}</SessionId>\n`;
  const body =
    SOAP_ENVELOPE_OPEN +
    '  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">\n' +
    `   <OrganizationId>${input.orgId}</OrganizationId>\n` +
    `   <ActionId>${input.actionId ?? makeRecordId('04k', 1)}</ActionId>\n` +
    session +
    `   <EnterpriseUrl>${input.instanceUrl}/services/Soap/c/${version}/${org15}</EnterpriseUrl>\n` +
    `   <PartnerUrl>${input.instanceUrl}/services/Soap/u/${version}/${org15}</PartnerUrl>\n` +
    notifications.join('') +
    '  </notifications>\n' +
    SOAP_ENVELOPE_CLOSE;

  return {
    body,
    // Salesforce posts SOAP 1.1 with an empty SOAPAction.
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
    notificationIds,
    ackBody: OUTBOUND_ACK_BODY,
  };
}
