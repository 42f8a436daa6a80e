import { defineField } from './field-definition.js';
import { ObjectSchema } from './object-schema.js';
import {
  addressFields,
  auditFields,
  number,
  picklist,
  readOnly,
  reference,
  required,
  text,
} from './standard-fields.js';

const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const INDUSTRIES = ['Agriculture', 'Banking', 'Education', 'Retail', 'Technology', 'Telecom'];
const STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];

const owner = (): ReturnType<typeof reference> => reference('OwnerId', 'Owner ID', 'User');
const description = (): ReturnType<typeof text> =>
  defineField('Description', 'textarea', 'Description', { length: 32_000 });

function account(): ObjectSchema {
  return new ObjectSchema('Account', 'Account', 'Accounts', '001', [
    ...auditFields(),
    required(text('Name', 'Account Name')),
    picklist('Type', 'Account Type', ['Prospect', 'Customer - Direct', 'Partner', 'Other']),
    picklist('Industry', 'Industry', INDUSTRIES),
    number('AnnualRevenue', 'currency', 'Annual Revenue'),
    number('NumberOfEmployees', 'int', 'Employees'),
    defineField('Phone', 'phone', 'Account Phone', { length: 40 }),
    defineField('Website', 'url', 'Website', { length: 255 }),
    ...addressFields('Billing', 'Billing'),
    owner(),
    description(),
  ]);
}

function contact(): ObjectSchema {
  return new ObjectSchema('Contact', 'Contact', 'Contacts', '003', [
    ...auditFields(),
    reference('AccountId', 'Account ID', 'Account'),
    text('FirstName', 'First Name', 40),
    required(text('LastName', 'Last Name', 80)),
    readOnly(text('Name', 'Full Name', 121)),
    defineField('Email', 'email', 'Email', { length: 80 }),
    defineField('Phone', 'phone', 'Business Phone', { length: 40 }),
    text('Title', 'Title', 128),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    defineField('Birthdate', 'date', 'Birthdate'),
    defineField('HasOptedOutOfEmail', 'boolean', 'Email Opt Out', { nillable: false }),
    ...addressFields('Mailing', 'Mailing'),
    owner(),
    description(),
  ]);
}

function lead(): ObjectSchema {
  return new ObjectSchema('Lead', 'Lead', 'Leads', '00Q', [
    ...auditFields(),
    text('FirstName', 'First Name', 40),
    required(text('LastName', 'Last Name', 80)),
    readOnly(text('Name', 'Full Name', 121)),
    required(text('Company', 'Company')),
    defineField('Email', 'email', 'Email', { length: 80 }),
    required(
      picklist(
        'Status',
        'Status',
        [
          'Open - Not Contacted',
          'Working - Contacted',
          'Closed - Converted',
          'Closed - Not Converted',
        ],
        true,
      ),
    ),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    picklist('Rating', 'Rating', ['Hot', 'Warm', 'Cold']),
    number('AnnualRevenue', 'currency', 'Annual Revenue'),
    readOnly(defineField('IsConverted', 'boolean', 'Converted', { nillable: false })),
    ...addressFields('', 'Lead'),
    owner(),
    description(),
  ]);
}

function opportunity(): ObjectSchema {
  return new ObjectSchema('Opportunity', 'Opportunity', 'Opportunities', '006', [
    ...auditFields(),
    reference('AccountId', 'Account ID', 'Account'),
    required(text('Name', 'Name', 120)),
    required(picklist('StageName', 'Stage', STAGES, true)),
    number('Amount', 'currency', 'Amount'),
    number('Probability', 'percent', 'Probability (%)', 3, 0),
    required(defineField('CloseDate', 'date', 'Close Date')),
    picklist('Type', 'Opportunity Type', ['New Customer', 'Existing Customer - Upgrade']),
    readOnly(defineField('IsClosed', 'boolean', 'Closed', { nillable: false })),
    readOnly(defineField('IsWon', 'boolean', 'Won', { nillable: false })),
    owner(),
    description(),
  ]);
}

function opportunityLineItem(): ObjectSchema {
  return new ObjectSchema(
    'OpportunityLineItem',
    'Opportunity Product',
    'Opportunity Product',
    '00k',
    [
      ...auditFields(),
      required(reference('OpportunityId', 'Opportunity ID', 'Opportunity')),
      reference('Product2Id', 'Product ID', 'Product2'),
      number('Quantity', 'double', 'Quantity', 12, 2),
      number('UnitPrice', 'currency', 'Sales Price'),
      readOnly(number('TotalPrice', 'currency', 'Total Price')),
      defineField('ServiceDate', 'date', 'Date'),
      text('Description', 'Line Description'),
    ],
  );
}

function supportCase(): ObjectSchema {
  return new ObjectSchema('Case', 'Case', 'Cases', '500', [
    ...auditFields(),
    reference('AccountId', 'Account ID', 'Account'),
    reference('ContactId', 'Contact ID', 'Contact'),
    text('Subject', 'Subject'),
    picklist('Status', 'Status', ['New', 'Working', 'Escalated', 'Closed']),
    picklist('Priority', 'Priority', ['High', 'Medium', 'Low']),
    picklist('Origin', 'Case Origin', ['Phone', 'Email', 'Web']),
    readOnly(defineField('IsClosed', 'boolean', 'Closed', { nillable: false })),
    readOnly(defineField('ClosedDate', 'datetime', 'Closed Date')),
    owner(),
    description(),
  ]);
}

function task(): ObjectSchema {
  return new ObjectSchema('Task', 'Task', 'Tasks', '00T', [
    ...auditFields(),
    reference('WhoId', 'Name ID', 'Contact'),
    reference('WhatId', 'Related To ID', 'Account'),
    text('Subject', 'Subject'),
    required(
      picklist('Status', 'Status', ['Not Started', 'In Progress', 'Completed', 'Deferred'], true),
    ),
    required(picklist('Priority', 'Priority', ['High', 'Normal', 'Low'])),
    defineField('ActivityDate', 'date', 'Due Date Only'),
    readOnly(defineField('IsClosed', 'boolean', 'Closed', { nillable: false })),
    owner(),
    description(),
  ]);
}

function event(): ObjectSchema {
  // WhoId and WhatId are polymorphic: the key prefix of the id says which object it names.
  return new ObjectSchema('Event', 'Event', 'Events', '00U', [
    ...auditFields(),
    defineField('WhoId', 'reference', 'Name ID', { length: 18, referenceTo: ['Contact', 'Lead'] }),
    defineField('WhatId', 'reference', 'Related To ID', {
      length: 18,
      referenceTo: ['Account', 'Opportunity', 'Case'],
    }),
    text('Subject', 'Subject'),
    text('Location', 'Location'),
    required(defineField('StartDateTime', 'datetime', 'Start Date Time')),
    required(defineField('EndDateTime', 'datetime', 'End Date Time')),
    defineField('ActivityDate', 'date', 'Due Date Only'),
    number('DurationInMinutes', 'int', 'Duration'),
    defineField('IsAllDayEvent', 'boolean', 'All-Day Event', { nillable: false }),
    picklist('ShowAs', 'Show Time As', ['Busy', 'OutOfOffice', 'Free']),
    owner(),
    description(),
  ]);
}

function emailMessage(): ObjectSchema {
  // RelatedToId is polymorphic like an activity's WhatId; ParentId names the case it answers.
  return new ObjectSchema('EmailMessage', 'Email Message', 'Email Messages', '02s', [
    ...auditFields(),
    reference('ParentId', 'Parent ID', 'Case'),
    defineField('RelatedToId', 'reference', 'Related To ID', {
      length: 18,
      referenceTo: ['Account', 'Opportunity', 'Case'],
    }),
    text('Subject', 'Subject'),
    defineField('TextBody', 'textarea', 'Text Body', { length: 32_000 }),
    defineField('FromAddress', 'email', 'From Address', { length: 80 }),
    defineField('ToAddress', 'email', 'To Address', { length: 4_000 }),
    defineField('MessageDate', 'datetime', 'Message Date'),
    defineField('Incoming', 'boolean', 'Is Incoming', { nillable: false }),
  ]);
}

/** Fresh schemas of the standard objects crm-ml reads, keyed by API name. */
export function standardObjects(): Map<string, ObjectSchema> {
  const schemas = [
    account(),
    contact(),
    lead(),
    opportunity(),
    opportunityLineItem(),
    supportCase(),
    task(),
    event(),
    emailMessage(),
  ];
  return new Map(schemas.map((schema) => [schema.name, schema]));
}
