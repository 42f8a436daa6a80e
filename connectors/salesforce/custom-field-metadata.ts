import type { FieldSpec } from '../connector.js';

// Number(18, 2): room for any score or amount, two decimals for probabilities in percent.
const NUMBER_PRECISION = 18;
const NUMBER_SCALE = 2;
// LongTextArea's largest length: storage counts only what a record uses, and a shorter cap
// would make a long note or topic list fail per record (STRING_TOO_LONG).
const LONG_TEXT_LENGTH = 131_072;
const TEXT_LENGTH = 255;

/**
 * The Tooling API `Metadata` of the custom field for one crm-ml field:
 * number → Number(18, 2), string → Text(255), text → LongTextArea, datetime → DateTime,
 * enumeration → restricted Picklist with the options in order.
 */
export function customFieldMetadata(field: FieldSpec): Record<string, unknown> {
  const common = { label: field.label.slice(0, 40), description: field.description.slice(0, 1000) };
  switch (field.type) {
    case 'number':
      return { ...common, type: 'Number', precision: NUMBER_PRECISION, scale: NUMBER_SCALE };
    case 'string':
      return { ...common, type: 'Text', length: TEXT_LENGTH };
    case 'text':
      return { ...common, type: 'LongTextArea', length: LONG_TEXT_LENGTH, visibleLines: 3 };
    case 'datetime':
      return { ...common, type: 'DateTime' };
    case 'enumeration':
      return {
        ...common,
        type: 'Picklist',
        valueSet: {
          restricted: true,
          valueSetDefinition: {
            sorted: false,
            value: (field.options ?? []).map((option) => ({
              fullName: option.value,
              label: option.label,
              default: false,
            })),
          },
        },
      };
  }
}
