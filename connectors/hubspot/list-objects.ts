import type { ObjectType } from '../../core/records/crm-record.js';
import type { HubSpotApi } from './hubspot-api.js';
import type { ErrorDetail } from '../../core/errors/crm-ml-error.js';
import {
  listPageSchema,
  parseObjects,
  parsePayload,
  type HubSpotObject,
} from './hubspot-schemas.js';

export interface ListPageRequest {
  limit: number;
  after?: string;
  properties?: readonly string[];
  /** Object types whose linked ids each record should list (`associations=contacts`). */
  associations?: readonly string[];
  archived?: boolean;
  signal?: AbortSignal;
}

export interface ListPage {
  page: { results: HubSpotObject[]; paging: ReturnType<typeof listPageSchema.parse>['paging'] };
  /** Records the page held in a shape we cannot use; see parseObjects. */
  problems: ErrorDetail[];
  /** The response headers; full sync reads the server's `date` from the first page. */
  headers: Readonly<Record<string, string>>;
}

/** One page of GET /crm/v3/objects/{type}; the list endpoint has no 10,000-result cap. */
export async function listObjects(
  api: HubSpotApi,
  objectType: ObjectType,
  request: ListPageRequest,
): Promise<ListPage> {
  const endpoint = `GET /crm/v3/objects/${objectType}${request.archived ? '?archived=true' : ''}`;
  const properties = request.properties === undefined ? undefined : [...request.properties];
  const associations =
    request.associations === undefined || request.associations.length === 0
      ? undefined
      : [...request.associations];

  const info = await api.call(
    endpoint,
    (client) =>
      client.crm.objects.basicApi.getPageWithHttpInfo(
        objectType,
        request.limit,
        request.after,
        properties,
        undefined,
        associations,
        request.archived ?? false,
      ),
    request.signal === undefined ? {} : { signal: request.signal },
  );
  const page = parsePayload(listPageSchema, info.data, endpoint);
  const { objects, problems } = parseObjects(page.results, endpoint);
  return { page: { results: objects, paging: page.paging }, problems, headers: info.headers };
}
