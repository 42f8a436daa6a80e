import type { CrmRecord, PropertyValue } from '../../core/records/crm-record.js';
import type { RelatedRecords } from '../plugin.js';

// HubSpot's and Salesforce's property names for a person's and an account's name.
const FIRST_NAMES = ['firstname', 'FirstName'];
const LAST_NAMES = ['lastname', 'LastName'];
const FULL_NAMES = ['Name', 'name'];
const EMAILS = ['email', 'Email'];
const COMPANY_NAMES = ['name', 'Name'];
// HubSpot contacts carry their company as text when no company record is linked.
const CONTACT_COMPANY = ['company', 'Company'];

/** A contact's name as a rep would read it: first and last name, else email, else its id. */
export function contactName(record: CrmRecord): string {
  const first = text(record, FIRST_NAMES);
  const last = text(record, LAST_NAMES);
  const full = [first, last].filter((part) => part !== undefined).join(' ');
  return full || text(record, FULL_NAMES) || text(record, EMAILS) || `contact ${record.id}`;
}

/**
 * Each contact's company name: from a linked company record when one is synced, else from
 * the contact's own company property. Contacts without either are absent.
 */
export function contactCompanies(
  records: readonly CrmRecord[],
  related: RelatedRecords | undefined,
): Map<string, string> {
  const companyNames = new Map<string, string>();
  for (const company of related?.get('companies') ?? []) {
    const name = text(company, COMPANY_NAMES);
    if (name !== undefined && !company.archived) companyNames.set(company.id, name);
  }
  const byCompany = new Map<string, string[]>();
  for (const company of related?.get('companies') ?? []) {
    for (const contact of company.associations?.contacts ?? []) {
      byCompany.set(contact, [...(byCompany.get(contact) ?? []), company.id]);
    }
  }

  const result = new Map<string, string>();
  for (const record of records) {
    const ids = [...(record.associations?.companies ?? []), ...(byCompany.get(record.id) ?? [])];
    const linked = ids.map((id) => companyNames.get(id)).find((name) => name !== undefined);
    const name = linked ?? text(record, CONTACT_COMPANY);
    if (name !== undefined) result.set(record.id, name);
  }
  return result;
}

/**
 * A readable name per community: its company when at least half its members work there,
 * "<company> and others" when the company is only the largest group, otherwise the name of
 * its most influential member. A name taken already gets that member's name added.
 */
export function communityNames(
  members: readonly (readonly string[])[],
  companies: ReadonlyMap<string, string>,
  centralName: (community: number) => string,
): string[] {
  const used = new Set<string>();
  return members.map((ids, c) => {
    const counts = new Map<string, number>();
    for (const id of ids) {
      const company = companies.get(id);
      if (company !== undefined) counts.set(company, (counts.get(company) ?? 0) + 1);
    }
    const [top, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
    const around = `around ${centralName(c)}`;
    let name = around;
    if (top !== undefined && count !== undefined) {
      name = count * 2 >= ids.length ? top : `${top} and others`;
    }
    if (used.has(name)) name = name === around ? `${around} (${c + 1})` : `${name}, ${around}`;
    used.add(name);
    return name;
  });
}

function text(record: CrmRecord, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value: PropertyValue | undefined = record.properties[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}
