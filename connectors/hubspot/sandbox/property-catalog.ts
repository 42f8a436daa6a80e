import { defaultGroups, defaultProperties } from './default-properties.js';
import type { PropertyDefinition, PropertyGroup } from './property-definition.js';
import { toEpochMs } from './sandbox-record.js';

/** One rejected property value, in the shape HubSpot lists inside a VALIDATION_ERROR. */
export interface PropertyValueError {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

/** The value to store (null clears) or why it was rejected. */
export type NormalizedValue = { value: string | null } | { error: PropertyValueError };

const NUMBER_PATTERN = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function reject(name: string, error: string, message: string): NormalizedValue {
  return { error: { isValid: false, message, error, name } };
}

/** Property definitions and groups per object type; each type starts with HubSpot's defaults. */
export class PropertyCatalog {
  private readonly properties = new Map<string, Map<string, PropertyDefinition>>();
  private readonly groups = new Map<string, Map<string, PropertyGroup>>();
  private readonly archived = new Map<string, Map<string, PropertyDefinition>>();

  constructor(private readonly now: () => Date) {}

  list(objectType: string): PropertyDefinition[] {
    return [...this.propertiesOf(objectType).values()];
  }

  get(objectType: string, name: string): PropertyDefinition | undefined {
    return this.propertiesOf(objectType).get(name);
  }

  /** Adds a definition; the caller has validated it. Returns false if the name is taken. */
  add(objectType: string, definition: PropertyDefinition): boolean {
    const properties = this.propertiesOf(objectType);
    if (properties.has(definition.name)) return false;
    properties.set(definition.name, definition);
    return true;
  }

  /**
   * Archives a property, as HubSpot's DELETE does: it leaves the live list and reads, shows
   * under `?archived=true`, and its name may be used again. Returns false for an unknown,
   * HubSpot-defined or already archived property.
   */
  archive(objectType: string, name: string): boolean {
    const properties = this.propertiesOf(objectType);
    const definition = properties.get(name);
    if (definition === undefined || definition.hubspotDefined) return false;
    properties.delete(name);
    const archived = this.archived.get(objectType) ?? new Map<string, PropertyDefinition>();
    archived.set(name, definition);
    this.archived.set(objectType, archived);
    return true;
  }

  listArchived(objectType: string): PropertyDefinition[] {
    return [...(this.archived.get(objectType)?.values() ?? [])];
  }

  listGroups(objectType: string): PropertyGroup[] {
    return [...this.groupsOf(objectType).values()];
  }

  getGroup(objectType: string, name: string): PropertyGroup | undefined {
    return this.groupsOf(objectType).get(name);
  }

  addGroup(objectType: string, group: PropertyGroup): boolean {
    const groups = this.groupsOf(objectType);
    if (groups.has(group.name)) return false;
    groups.set(group.name, group);
    return true;
  }

  /**
   * Checks one written value against its definition the way HubSpot does: unknown names,
   * read-only properties, options outside an enumeration and non-numbers are rejected; numbers
   * and dates are stored as strings (HubSpot echoes every value back as a string).
   */
  normalize(objectType: string, name: string, raw: unknown): NormalizedValue {
    const definition = this.get(objectType, name);
    if (!definition)
      return reject(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
    if (definition.readOnlyValue) {
      return reject(
        name,
        'READ_ONLY_VALUE',
        `"${name}" is a read only property; its value cannot be set.`,
      );
    }

    if (raw === null || raw === undefined || raw === '') return { value: null };
    const text = typeof raw === 'string' ? raw.trim() : String(raw);

    switch (definition.type) {
      case 'number':
        return NUMBER_PATTERN.test(text)
          ? { value: text }
          : reject(name, 'INVALID_DECIMAL', `${text} was not a valid number.`);
      case 'enumeration':
        return this.normalizeOption(definition, text);
      case 'bool':
        return text === 'true' || text === 'false'
          ? { value: text }
          : reject(
              name,
              'INVALID_OPTION',
              `${text} was not one of the allowed options: [true, false]`,
            );
      case 'datetime':
      case 'date':
        return normalizeTime(definition, text);
      case 'string':
        return { value: typeof raw === 'string' ? raw : text };
    }
  }

  private normalizeOption(definition: PropertyDefinition, text: string): NormalizedValue {
    // Checkbox enumerations hold several options joined by ';'.
    const values = definition.fieldType === 'checkbox' ? text.split(';') : [text];
    const allowed = new Set(definition.options.map((option) => option.value));
    const bad = values.find((value) => !allowed.has(value));
    if (bad === undefined) return { value: text };

    const list = definition.options.map((option) => option.value).join(', ');
    return reject(
      definition.name,
      'INVALID_OPTION',
      `${bad} was not one of the allowed options: [${list}]`,
    );
  }

  private propertiesOf(objectType: string): Map<string, PropertyDefinition> {
    let properties = this.properties.get(objectType);
    if (!properties) {
      const now = this.now().toISOString();
      properties = new Map(defaultProperties(objectType, now).map((p) => [p.name, p]));
      this.properties.set(objectType, properties);
    }
    return properties;
  }

  private groupsOf(objectType: string): Map<string, PropertyGroup> {
    let groups = this.groups.get(objectType);
    if (!groups) {
      groups = new Map(defaultGroups(objectType).map((g) => [g.name, g]));
      this.groups.set(objectType, groups);
    }
    return groups;
  }
}

// HubSpot takes datetimes as epoch ms or ISO 8601 and date-only values as midnight UTC.
function normalizeTime(definition: PropertyDefinition, text: string): NormalizedValue {
  const ms = toEpochMs(text);
  if (Number.isNaN(ms)) {
    return reject(definition.name, 'INVALID_DATE', `${text} was not a valid date or timestamp.`);
  }
  const iso = new Date(ms).toISOString();
  return { value: definition.type === 'date' ? iso.slice(0, 10) : iso };
}
