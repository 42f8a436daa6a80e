/**
 * The route pattern of a request path for `stats.byRoute`, e.g.
 * `GET /services/data/vXX.X/sobjects/:object/:id`: versions, ids and locators are replaced.
 * Computed from the path so refused requests (401, 403, faults) count under their route.
 */
export function routeKey(method: string, path: string): string {
  const pattern = path
    .replace(/\/v\d+\.\d(?=\/|$)/, '/vXX.X')
    .replace(/\/(query|queryAll)\/\w+-\d+$/, '/$1/:locator')
    .replace(/\/sobjects\/(\w+)\/(?!describe)\w{15,18}$/, '/sobjects/$1/:id')
    .replace(/\/sobjects\/(?!CustomField\b)(?!describe)\w+(?=\/|$)/, '/sobjects/:object')
    .replace(/\/jobs\/(query|ingest)\/\w{15,18}(?=\/|$)/, '/jobs/$1/:jobId');
  return `${method} ${pattern}`;
}
