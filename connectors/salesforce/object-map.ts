import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { ObjectType } from '../../core/records/crm-record.js';
import type { DescribedObject } from './describe-cache.js';
import { salesforceDescriptor } from './salesforce-descriptor.js';

/** A lookup field that links a record to another object type. */
export interface AssociationField {
  field: string;
  /** The object type the id points to; null when it points at an unmapped sObject. */
  targetOf(id: string): ObjectType | null;
}

/**
 * Which sObject backs each object type: the descriptor's defaults, overridden by
 * configuration (a custom object such as `Subscription__c` can stand for `orders`).
 */
export class ObjectMap {
  private readonly byType: Map<ObjectType, string>;
  private readonly bySObject = new Map<string, ObjectType>();

  constructor(overrides: Partial<Record<ObjectType, string>> = {}) {
    const merged = { ...salesforceDescriptor.defaultObjects, ...overrides };
    this.byType = new Map(Object.entries(merged) as [ObjectType, string][]);
    for (const [type, sObject] of this.byType) this.bySObject.set(sObject, type);
  }

  types(): ObjectType[] {
    return [...this.byType.keys()];
  }

  sObjectFor(objectType: ObjectType): string {
    const sObject = this.byType.get(objectType);
    if (sObject !== undefined) return sObject;
    throw new CrmMlError(
      'salesforce_object_not_mapped',
      `No Salesforce object is configured for ${objectType}; set objects.${objectType}`,
    );
  }

  typeOf(sObject: string): ObjectType | null {
    return this.bySObject.get(sObject) ?? null;
  }

  /**
   * The lookups of `described` that become associations: the descriptor's list for standard
   * objects, every lookup to a mapped object for custom ones. Polymorphic lookups (WhoId,
   * WhatId) are resolved per id from its three-character key prefix.
   */
  associationFields(described: DescribedObject): AssociationField[] {
    const named = salesforceDescriptor.associationFields[described.name];
    const candidates =
      named ??
      [...described.fields.values()]
        .filter((field) => field.type === 'reference' && field.custom === true)
        .map((field) => field.name);

    const result: AssociationField[] = [];
    for (const name of candidates) {
      const field = described.fields.get(name);
      if (field === undefined) continue;

      const targets = (field.referenceTo ?? []).filter((target) => this.typeOf(target) !== null);
      const single = targets.length === 1 && field.referenceTo?.length === 1 ? targets[0] : null;
      if (single !== null && single !== undefined) {
        const type = this.typeOf(single);
        result.push({ field: name, targetOf: () => type });
      } else if (targets.length > 0) {
        result.push({ field: name, targetOf: (id) => this.typeOfId(id) });
      }
    }
    return result;
  }

  private typeOfId(id: string): ObjectType | null {
    const sObject = salesforceDescriptor.keyPrefixes[id.slice(0, 3)];
    return sObject === undefined ? null : this.typeOf(sObject);
  }
}
