import {
  modifiedDateProperties,
  type PropertyDefinition,
  type PropertyGroup,
  type PropertyType,
} from './property-definition.js';

interface DefaultProperty {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  options?: readonly string[];
  readOnly?: boolean;
}

// A small slice of each type's HubSpot-defined properties: enough for connectors and demos.
const COMMON_BY_TYPE: Readonly<Record<string, readonly DefaultProperty[]>> = {
  contacts: [
    { name: 'email', label: 'Email', type: 'string', fieldType: 'text' },
    { name: 'firstname', label: 'First Name', type: 'string', fieldType: 'text' },
    { name: 'lastname', label: 'Last Name', type: 'string', fieldType: 'text' },
    { name: 'phone', label: 'Phone Number', type: 'string', fieldType: 'phonenumber' },
    { name: 'company', label: 'Company Name', type: 'string', fieldType: 'text' },
    {
      name: 'lifecyclestage',
      label: 'Lifecycle Stage',
      type: 'enumeration',
      fieldType: 'radio',
      options: [
        'subscriber',
        'lead',
        'marketingqualifiedlead',
        'salesqualifiedlead',
        'opportunity',
        'customer',
        'evangelist',
        'other',
      ],
    },
  ],
  companies: [
    { name: 'name', label: 'Name', type: 'string', fieldType: 'text' },
    { name: 'domain', label: 'Company Domain Name', type: 'string', fieldType: 'text' },
    { name: 'industry', label: 'Industry', type: 'string', fieldType: 'text' },
  ],
  deals: [
    { name: 'dealname', label: 'Deal Name', type: 'string', fieldType: 'text' },
    { name: 'amount', label: 'Amount', type: 'number', fieldType: 'number' },
    { name: 'dealstage', label: 'Deal Stage', type: 'string', fieldType: 'text' },
    { name: 'closedate', label: 'Close Date', type: 'datetime', fieldType: 'date' },
  ],
  tickets: [
    { name: 'subject', label: 'Ticket name', type: 'string', fieldType: 'text' },
    { name: 'content', label: 'Ticket description', type: 'string', fieldType: 'textarea' },
  ],
  notes: [
    { name: 'hs_timestamp', label: 'Activity date', type: 'datetime', fieldType: 'date' },
    { name: 'hs_note_body', label: 'Note body', type: 'string', fieldType: 'html' },
  ],
};

function systemProperties(objectType: string): DefaultProperty[] {
  return [
    {
      name: 'hs_object_id',
      label: 'Record ID',
      type: 'number',
      fieldType: 'number',
      readOnly: true,
    },
    { name: 'createdate', label: 'Create Date', type: 'datetime', fieldType: 'date' },
    ...modifiedDateProperties(objectType).map((name) => ({
      name,
      label: 'Last Modified Date',
      type: 'datetime' as const,
      fieldType: 'date',
      readOnly: true,
    })),
  ];
}

/** The group of a type's built-in properties, e.g. `contactinformation`. */
export function defaultGroupName(objectType: string): string {
  const singular = objectType.endsWith('ies')
    ? `${objectType.slice(0, -3)}y`
    : objectType.replace(/s$/, '');
  return `${singular.replace(/_/g, '')}information`;
}

/** The property groups a fresh sandbox portal has for `objectType`. */
export function defaultGroups(objectType: string): PropertyGroup[] {
  const name = defaultGroupName(objectType);
  return [
    {
      name,
      label: `${name.replace(/information$/, '')} information`,
      displayOrder: 0,
      archived: false,
    },
  ];
}

/** The property definitions a fresh sandbox portal has for `objectType`. */
export function defaultProperties(objectType: string, now: string): PropertyDefinition[] {
  const all = [...systemProperties(objectType), ...(COMMON_BY_TYPE[objectType] ?? [])];
  const groupName = defaultGroupName(objectType);

  return all.map((property, index) => ({
    name: property.name,
    label: property.label,
    type: property.type,
    fieldType: property.fieldType,
    groupName,
    description: '',
    options: (property.options ?? []).map((value, order) => ({
      label: value,
      value,
      displayOrder: order,
      hidden: false,
    })),
    displayOrder: index,
    readOnlyValue: property.readOnly ?? false,
    hubspotDefined: true,
    createdAt: now,
    updatedAt: now,
  }));
}
