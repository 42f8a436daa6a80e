import type { SandboxData } from '../../connectors/hubspot/sandbox/index.js';
import type { TelcoSource } from './telco-source.js';

const GROUP = 'contactinformation';
const NUMBER_PATTERN = /^-?(\d+\.?\d*|\.\d+)$/;

/**
 * Declares one contact property per Telco column, as the sandbox's CSV seeding does: number
 * when every source value is numeric or blank, else string. Generated rows only reuse source
 * values or numbers, so the source decides the types.
 */
export function defineTelcoProperties(data: SandboxData, source: TelcoSource): void {
  const now = data.now().toISOString();
  if (!data.catalog.getGroup('contacts', GROUP)) {
    data.catalog.addGroup('contacts', {
      name: GROUP,
      label: 'Contact information',
      displayOrder: 0,
      archived: false,
    });
  }

  const rows = [...source.churned, ...source.retained];
  for (const { column, name } of source.names) {
    const numeric = rows.every((row) => {
      const value = (row[column] ?? '').trim();
      return value === '' || NUMBER_PATTERN.test(value);
    });
    data.catalog.add('contacts', {
      name,
      label: name,
      type: numeric ? 'number' : 'string',
      fieldType: numeric ? 'number' : 'text',
      groupName: GROUP,
      description: 'Generated from the Telco distributions by the scale benchmark',
      options: [],
      displayOrder: -1,
      readOnlyValue: false,
      hubspotDefined: false,
      createdAt: now,
      updatedAt: now,
    });
  }
}
