import type { FieldDefinition } from './field-definition.js';

/**
 * One sObject type: its describe facts and its fields. Field names are looked up
 * case-insensitively, as SOQL and the REST API treat them.
 */
export class ObjectSchema {
  private readonly byLowerName = new Map<string, FieldDefinition>();

  constructor(
    readonly name: string,
    readonly label: string,
    readonly labelPlural: string,
    readonly keyPrefix: string,
    fields: readonly FieldDefinition[],
  ) {
    for (const field of fields) this.add(field);
  }

  field(name: string): FieldDefinition | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  /** Every field in definition order (standard fields first, then custom ones by creation). */
  fields(): FieldDefinition[] {
    return [...this.byLowerName.values()];
  }

  customFields(): FieldDefinition[] {
    return this.fields().filter((field) => field.custom);
  }

  add(field: FieldDefinition): void {
    this.byLowerName.set(field.name.toLowerCase(), field);
  }

  remove(name: string): void {
    this.byLowerName.delete(name.toLowerCase());
  }
}
