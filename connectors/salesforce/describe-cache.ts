import type { SalesforceApi } from './salesforce-api.js';
import { describeSchema, parsePayload, type DescribeField } from './salesforce-schemas.js';

/** What the connector needs from `GET /sobjects/{name}/describe`. */
export interface DescribedObject {
  name: string;
  keyPrefix: string | null;
  fields: ReadonlyMap<string, DescribeField>;
}

/**
 * Describe results by sObject name. A describe costs an API call and changes only when fields
 * are added or removed, so it is read once per sync run (`forget` at the start of a run) and
 * forgotten after crm-ml changes the object's fields.
 */
export class DescribeCache {
  private readonly entries = new Map<string, Promise<DescribedObject>>();

  constructor(private readonly api: SalesforceApi) {}

  get(sObject: string, signal?: AbortSignal): Promise<DescribedObject> {
    let entry = this.entries.get(sObject);
    if (entry === undefined) {
      entry = this.describe(sObject, signal);
      this.entries.set(sObject, entry);
      entry.catch(() => this.entries.delete(sObject));
    }
    return entry;
  }

  forget(sObject: string): void {
    this.entries.delete(sObject);
  }

  private async describe(sObject: string, signal?: AbortSignal): Promise<DescribedObject> {
    const endpoint = `GET /sobjects/${sObject}/describe`;
    const { body } = await this.api.call(endpoint, {
      method: 'GET',
      url: `/sobjects/${sObject}/describe`,
      ...(signal === undefined ? {} : { signal }),
    });
    const described = parsePayload(describeSchema, body, endpoint);
    return {
      name: described.name,
      keyPrefix: described.keyPrefix ?? null,
      fields: new Map(described.fields.map((field) => [field.name, field])),
    };
  }
}
