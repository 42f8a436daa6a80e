/**
 * The route pattern of a request path, e.g. `POST /crm/v3/objects/:objectType/batch/update`,
 * for `stats.byRoute`. Computed from the path so requests refused before routing (401, 429,
 * injected faults) are counted under the route they aimed at.
 */
export function routeKey(method: string, path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  const [crm, version, area, , fourth, fifth] = segments;
  if (crm !== 'crm' || version !== 'v3' || segments.length < 4) return `${method} ${path}`;

  const pattern = ['', crm, version, area, ':objectType'];
  if (area === 'objects' && fourth !== undefined) {
    pattern.push(fourth === 'search' || fourth === 'batch' ? fourth : ':id');
    if (fifth !== undefined) pattern.push(fifth);
  } else if (area === 'properties' && fourth !== undefined) {
    pattern.push(fourth === 'groups' ? fourth : ':name');
  }
  return `${method} ${pattern.join('/')}`;
}
