import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { outboundAck, parseOutboundMessage } from '../../../connectors/salesforce/index.js';
import { buildOutboundMessage } from '../../../connectors/salesforce/sandbox/index.js';

const ORG_18 = '00D5e000000KQ2eEAG';

/** An outbound message as Salesforce posts it (notifications() of the outbound WSDL). */
function message(orgId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${orgId}</OrganizationId>
   <ActionId>04k5e000000CaRkAAK</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/62.0/x</EnterpriseUrl>
   <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/62.0/x</PartnerUrl>
   <Notification>
    <Id>04l5e00000Gx7QzAAJ</Id>
    <sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>0035e00000ZkM3hAAF</sf:Id>
     <sf:LastName>Zoë &amp; Co 🚀</sf:LastName>
     <sf:Phone xsi:nil="true"/>
     <sf:Title></sf:Title>
    </sObject>
   </Notification>
   <Notification>
    <Id>04l5e00000Gx7R0AAJ</Id>
    <sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>0035e00000ZkM3iAAF</sf:Id>
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;
}

describe('Salesforce outbound messages', () => {
  it('parses every notification with its fields, nil as null and empty as empty', () => {
    const parsed = parseOutboundMessage(message(ORG_18), ORG_18.slice(0, 15));
    assert.equal(parsed.organizationId, ORG_18);
    assert.equal(parsed.actionId, '04k5e000000CaRkAAK');
    assert.equal(parsed.notifications.length, 2);
    assert.deepEqual(parsed.notifications[0], {
      id: '04l5e00000Gx7QzAAJ',
      sObjectType: 'Contact',
      recordId: '0035e00000ZkM3hAAF',
      fields: { Id: '0035e00000ZkM3hAAF', LastName: 'Zoë & Co 🚀', Phone: null, Title: '' },
    });
    assert.equal(parsed.notifications[1]?.recordId, '0035e00000ZkM3iAAF');
  });

  it('reads what the sandbox builds, dates and datetimes as sent', () => {
    const built = buildOutboundMessage({
      orgId: ORG_18,
      objectType: 'Contact',
      instanceUrl: 'http://127.0.0.1:1',
      records: [
        { Id: '0035e00000ZkM3hAAF', Birthdate: '1990-12-31', Email: null },
        { Id: '0035e00000ZkM3iAAF', LastModifiedDate: new Date('2024-03-31T23:59:59Z') },
      ],
    });
    const parsed = parseOutboundMessage(built.body, ORG_18);
    assert.deepEqual(
      parsed.notifications.map((notification) => notification.id),
      built.notificationIds,
    );
    assert.equal(parsed.notifications[0]?.fields['Birthdate'], '1990-12-31');
    // Salesforce leaves empty fields out of an outbound message.
    assert.equal(parsed.notifications[0]?.fields['Email'], undefined);
    assert.match(parsed.notifications[1]?.fields['LastModifiedDate'] ?? '', /^2024-03-31T23:59:59/);
    assert.match(built.ackBody, /<Ack>true<\/Ack>/);
  });

  it('refuses a message from another org', () => {
    assert.throws(
      () => parseOutboundMessage(message('00D000000000001AAA'), ORG_18),
      (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'salesforce_outbound_org_mismatch');
        return true;
      },
    );
  });

  it('refuses what is not an outbound message', () => {
    assert.throws(() => parseOutboundMessage('<a><b></a>', ORG_18), {
      code: 'salesforce_outbound_invalid',
    });
    assert.throws(() => parseOutboundMessage('<Envelope/>', ORG_18), {
      code: 'salesforce_outbound_invalid',
    });
  });

  it('answers the SOAP ack Salesforce waits for', () => {
    const ack = outboundAck(true);
    assert.match(
      ack,
      /<notificationsResponse xmlns="http:\/\/soap\.sforce\.com\/2005\/09\/outbound">/,
    );
    assert.match(ack, /<Ack>true<\/Ack>/);
    assert.match(outboundAck(false), /<Ack>false<\/Ack>/);
  });
});
