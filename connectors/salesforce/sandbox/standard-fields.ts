import { defineField, systemField, type FieldDefinition } from './field-definition.js';

/** Id, audit fields and IsDeleted, which every queryable sObject carries. */
export function auditFields(): FieldDefinition[] {
  return [
    systemField('Id', 'id', 'Record ID'),
    systemField('IsDeleted', 'boolean', 'Deleted'),
    systemField('CreatedDate', 'datetime', 'Created Date'),
    systemField('CreatedById', 'reference', 'Created By ID'),
    systemField('LastModifiedDate', 'datetime', 'Last Modified Date'),
    systemField('LastModifiedById', 'reference', 'Last Modified By ID'),
    systemField('SystemModstamp', 'datetime', 'System Modstamp'),
  ];
}

export function text(name: string, label: string, length = 255): FieldDefinition {
  return defineField(name, 'string', label, { length });
}

export function number(
  name: string,
  type: 'double' | 'currency' | 'percent' | 'int',
  label: string,
  precision = 18,
  scale = 2,
): FieldDefinition {
  return defineField(name, type, label, type === 'int' ? { precision: 9 } : { precision, scale });
}

export function picklist(
  name: string,
  label: string,
  values: readonly string[],
  restricted = false,
): FieldDefinition {
  return defineField(name, 'picklist', label, {
    length: 255,
    picklistValues: values,
    restrictedPicklist: restricted,
  });
}

export function reference(name: string, label: string, to: string): FieldDefinition {
  return defineField(name, 'reference', label, { length: 18, referenceTo: [to] });
}

export function required(field: FieldDefinition): FieldDefinition {
  return { ...field, nillable: false };
}

export function readOnly(field: FieldDefinition): FieldDefinition {
  return { ...field, createable: false, updateable: false };
}

/** The parts of a compound address named `prefix` + Street/City/…, and the compound itself. */
export function addressFields(prefix: string, label: string): FieldDefinition[] {
  const compound = `${prefix}Address`;
  const part = (field: FieldDefinition): FieldDefinition => ({
    ...field,
    compoundFieldName: compound,
  });
  return [
    part(defineField(`${prefix}Street`, 'textarea', `${label} Street`, { length: 255 })),
    part(text(`${prefix}City`, `${label} City`, 40)),
    part(text(`${prefix}State`, `${label} State/Province`, 80)),
    part(text(`${prefix}PostalCode`, `${label} Zip/Postal Code`, 20)),
    part(text(`${prefix}Country`, `${label} Country`, 80)),
    // Geolocation parts: Salesforce stores 15 digits with 15 after the point.
    part(number(`${prefix}Latitude`, 'double', `${label} Latitude`, 18, 15)),
    part(number(`${prefix}Longitude`, 'double', `${label} Longitude`, 18, 15)),
    part(
      picklist(`${prefix}GeocodeAccuracy`, `${label} Geocode Accuracy`, [
        'Address',
        'NearAddress',
        'Block',
        'Street',
        'ExtendedZip',
        'Zip',
        'Neighborhood',
        'City',
        'County',
        'State',
        'Unknown',
      ]),
    ),
    readOnly(defineField(compound, 'address', `${label} Address`)),
  ];
}

/** The parts of an address compound, in the key order REST JSON shows them. */
export const ADDRESS_PARTS: readonly [string, string][] = [
  ['city', 'City'],
  ['country', 'Country'],
  ['geocodeAccuracy', 'GeocodeAccuracy'],
  ['latitude', 'Latitude'],
  ['longitude', 'Longitude'],
  ['postalCode', 'PostalCode'],
  ['state', 'State'],
  ['street', 'Street'],
];
