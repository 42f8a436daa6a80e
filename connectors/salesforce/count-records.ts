import type { ObjectType } from '../../core/records/crm-record.js';
import type { ConnectorContext } from './connector-context.js';
import { countQuery } from './query-pages.js';

/** Live records of one type: `SELECT COUNT()` leaves out the recycle bin. */
export function countRecords(context: ConnectorContext, objectType: ObjectType): Promise<number> {
  return countQuery(context.api, `SELECT COUNT() FROM ${context.objects.sObjectFor(objectType)}`);
}
