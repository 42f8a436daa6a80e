import { defineField, type FieldDefinition, type FieldType } from './field-definition.js';
import { SalesforceHttpError } from './salesforce-error.js';

/** The Metadata API field types the sandbox creates, and their describe types. */
const DESCRIBE_TYPES: Readonly<Record<string, FieldType>> = {
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
  Picklist: 'picklist',
};

// Salesforce's rule for API names: a letter first, then letters, digits and single
// underscores, no trailing underscore, 40 characters at most before the `__c`.
const DEVELOPER_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$/;

const integrity = (message: string): SalesforceHttpError =>
  SalesforceHttpError.badRequest('FIELD_INTEGRITY_EXCEPTION', message, []);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function picklistValues(metadata: Record<string, unknown>): string[] {
  const definition = record(record(metadata['valueSet'])['valueSetDefinition']);
  const values = Array.isArray(definition['value']) ? definition['value'] : [];
  return values.map((value) => String(record(value)['fullName'] ?? ''));
}

/**
 * Reads a Tooling API CustomField create body (`{FullName: 'Contact.X__c', Metadata}`) into
 * the object name and a field definition, or throws the 400 Salesforce gives.
 */
export function fieldFromMetadata(body: unknown): { objectName: string; field: FieldDefinition } {
  const fullName = record(body)['FullName'];
  const metadata = record(record(body)['Metadata']);
  if (typeof fullName !== 'string') {
    throw SalesforceHttpError.badRequest(
      'REQUIRED_FIELD_MISSING',
      'Required fields are missing: [FullName]',
      ['FullName'],
    );
  }
  const [objectName = '', name = '', ...rest] = fullName.split('.');
  const developerName = name.replace(/__c$/, '');
  if (
    rest.length > 0 ||
    !name.endsWith('__c') ||
    developerName.length > 40 ||
    !DEVELOPER_NAME.test(developerName)
  ) {
    throw integrity(
      `The API name ${name} can only contain underscores and alphanumeric characters. It must ` +
        'begin with a letter, not include spaces, not end with an underscore, and not contain ' +
        "two consecutive underscores; custom fields end in '__c'.",
    );
  }

  const label = metadata['label'];
  if (typeof label !== 'string' || label === '') {
    throw SalesforceHttpError.badRequest(
      'REQUIRED_FIELD_MISSING',
      'Required fields are missing: [Label]',
      ['Label'],
    );
  }
  const metadataType = String(metadata['type'] ?? '');
  const type = DESCRIBE_TYPES[metadataType];
  if (type === undefined)
    throw integrity(`Type: bad value for restricted picklist field: ${metadataType}`);

  const overrides: Partial<FieldDefinition> = {
    custom: true,
    externalId: metadata['externalId'] === true,
    description: typeof metadata['description'] === 'string' ? metadata['description'] : null,
  };
  if (type === 'double' || type === 'currency' || type === 'percent') {
    const precision = Number(metadata['precision']);
    const scale = Number(metadata['scale'] ?? 0);
    if (!Number.isInteger(precision) || precision < 1 || precision > 18) {
      throw integrity('Precision: value outside of valid range (1 to 18)');
    }
    if (!Number.isInteger(scale) || scale < 0 || scale > precision) {
      throw integrity('Scale: value outside of valid range (0 to the precision)');
    }
    Object.assign(overrides, { precision, scale });
  } else if (metadataType === 'Text') {
    const length = Number(metadata['length']);
    if (!Number.isInteger(length) || length < 1 || length > 255) {
      throw integrity('Length: value outside of valid range (1 to 255)');
    }
    overrides.length = length;
  } else if (type === 'textarea') {
    overrides.length = Number(metadata['length'] ?? 255);
  } else if (type === 'picklist') {
    overrides.length = 255;
    overrides.picklistValues = picklistValues(metadata);
    overrides.restrictedPicklist = record(metadata['valueSet'])['restricted'] === true;
  } else if (type === 'boolean') {
    overrides.nillable = false;
  }
  return { objectName, field: defineField(name, type, label, overrides) };
}
