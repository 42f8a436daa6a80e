import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../connectors/hubspot/sandbox/index.js';
import type { ObjectType } from '../../core/records/crm-record.js';

/** Adds a custom property to the sandbox's catalogue, so the connector syncs it. */
export function addSandboxProperty(
  sandbox: HubSpotSandbox,
  objectType: ObjectType,
  name: string,
  type: 'string' | 'number',
): void {
  const now = new Date().toISOString();
  sandbox.data.catalog.add(objectType, {
    name,
    label: name,
    type,
    fieldType: type === 'number' ? 'number' : 'text',
    groupName: 'contactinformation',
    description: '',
    options: [],
    displayOrder: -1,
    readOnlyValue: false,
    hubspotDefined: false,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * A HubSpot sandbox holding `count` contacts with `tenure`, `monthly` and a `churn` label
 * (every third churned), and no orders or notes: the data churn needs and nothing else.
 */
export async function startContactsOnlySandbox(token: string, count = 60): Promise<HubSpotSandbox> {
  const sandbox = await startHubSpotSandbox({ accessToken: token });
  addSandboxProperty(sandbox, 'contacts', 'tenure', 'number');
  addSandboxProperty(sandbox, 'contacts', 'monthly', 'number');
  addSandboxProperty(sandbox, 'contacts', 'churn', 'string');
  for (let i = 0; i < count; i += 1) {
    sandbox.data.create('contacts', {
      email: `c${i}@example.com`,
      tenure: (i * 7) % 70,
      monthly: 20 + ((i * 13) % 80),
      churn: i % 3 === 0 ? 'Yes' : 'No',
    });
  }
  return sandbox;
}
