import { OBJECT_TYPES } from '../../../core/records/crm-record.js';
import { SandboxHttpError } from './hubspot-error.js';

// HubSpot also accepts the numeric object type ids in every CRM path.
const TYPE_IDS: Readonly<Record<string, string>> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-5': 'tickets',
  '0-8': 'line_items',
};

const KNOWN: ReadonlySet<string> = new Set<string>([...OBJECT_TYPES, 'products']);

/** Maps a path segment to a known object type, or throws the 400 HubSpot answers with. */
export function resolveObjectType(segment: string | undefined): string {
  const raw = (segment ?? '').toLowerCase();
  const type = TYPE_IDS[raw] ?? raw;
  if (!KNOWN.has(type)) {
    throw SandboxHttpError.validation(`Unable to infer object type from: ${segment ?? ''}`);
  }
  return type;
}
