import { parseTimestamp } from '../../core/ml/parse-timestamp.js';
import type { CrmRecord } from '../../core/records/crm-record.js';

// HubSpot engagements carry hs_timestamp; other records their creation date.
const TIME_PROPERTIES = ['hs_timestamp', 'hs_createdate', 'createdate'];

/** When an activity happened (epoch ms), or undefined when no time property is readable. */
export function activityTime(record: CrmRecord): number | undefined {
  for (const property of TIME_PROPERTIES) {
    const value = record.properties[property];
    if (value === undefined || value === null || typeof value === 'boolean') continue;
    const time = parseTimestamp(value);
    if (time !== null) return time;
  }
  return undefined;
}
