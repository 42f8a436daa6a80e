function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * A SOAP 1.1 fault: what a listener answers when it will not take an outbound message.
 * Salesforce shows `faultstring` in its outbound message queue, so it names the reason.
 */
export function soapFault(faultCode: 'soapenv:Client' | 'soapenv:Server', reason: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
    '<soapenv:Body><soapenv:Fault>' +
    `<faultcode>${faultCode}</faultcode>` +
    `<faultstring>${escapeXml(reason)}</faultstring>` +
    '</soapenv:Fault></soapenv:Body>' +
    '</soapenv:Envelope>'
  );
}
