import type { FieldDefinition } from './field-definition.js';
import type { ObjectSchema } from './object-schema.js';

const SOAP_TYPES: Readonly<Record<string, string>> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  address: 'urn:address',
};

/** One field as describe shows it (the attributes clients read; Salesforce sends more). */
export function describeField(field: FieldDefinition): Record<string, unknown> {
  const numeric = ['double', 'currency', 'percent'].includes(field.type);
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
    length: field.length,
    byteLength: field.length * 3,
    precision: numeric ? field.precision : 0,
    scale: numeric ? field.scale : 0,
    digits: field.type === 'int' ? field.precision : 0,
    custom: field.custom,
    calculated: false,
    createable: field.createable,
    updateable: field.updateable,
    nillable: field.nillable,
    defaultedOnCreate: field.type === 'boolean' || !field.createable,
    filterable: field.type !== 'address' && field.type !== 'textarea',
    sortable: field.type !== 'address' && field.type !== 'textarea',
    groupable: field.type !== 'address',
    externalId: field.externalId,
    unique: false,
    idLookup: field.type === 'id' || field.externalId,
    nameField: field.name === 'Name',
    compoundFieldName: field.compoundFieldName,
    referenceTo: field.referenceTo,
    relationshipName:
      field.type === 'reference' && field.name.endsWith('Id') ? field.name.slice(0, -2) : null,
    restrictedPicklist: field.restrictedPicklist,
    picklistValues: field.picklistValues.map((value) => ({
      active: true,
      defaultValue: false,
      label: value,
      validFor: null,
      value,
    })),
    defaultValue: null,
    inlineHelpText: null,
    description: field.description,
  };
}

/** The object-level describe facts shared by global describe and the object's describe. */
export function describeObjectSummary(schema: ObjectSchema, version: string) {
  const base = `/services/data/v${version}/sobjects/${schema.name}`;
  return {
    name: schema.name,
    label: schema.label,
    labelPlural: schema.labelPlural,
    keyPrefix: schema.keyPrefix,
    custom: schema.name.endsWith('__c'),
    createable: true,
    updateable: true,
    deletable: true,
    undeletable: true,
    queryable: true,
    retrieveable: true,
    searchable: true,
    replicateable: true,
    urls: {
      sobject: base,
      describe: `${base}/describe`,
      rowTemplate: `${base}/{ID}`,
    },
  };
}

/** `GET …/sobjects/{Object}/describe`. */
export function describeSObject(schema: ObjectSchema, version: string): Record<string, unknown> {
  return {
    ...describeObjectSummary(schema, version),
    fields: schema.fields().map(describeField),
    childRelationships: [],
    recordTypeInfos: [],
  };
}
