import type { ApiScope } from '../security/api-scope.js';
import { isApiScope } from '../security/api-scope.js';
import type { OpenApiDocument } from './load-spec.js';

/** How an operation authenticates its caller, read from its `security` requirement. */
export type RouteAuth =
  | { kind: 'none' }
  | { kind: 'apiKey'; scope: ApiScope }
  | { kind: 'hubspot' }
  // The Salesforce hook checks its `?token=` itself and answers in SOAP.
  | { kind: 'salesforceHookToken' };

/** One operation of the spec, with a matcher for concrete paths. */
export interface SpecRoute {
  method: string;
  /** The path as the spec writes it, e.g. `/v1/connections/{connectionId}`. */
  template: string;
  operationId: string;
  auth: RouteAuth;
  matcher: RegExp;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type SecurityRequirement = Record<string, string[]>;

function matcherOf(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

function authOf(requirements: SecurityRequirement[], template: string): RouteAuth {
  const [first] = requirements;
  if (!first || Object.keys(first).length === 0) return { kind: 'none' };
  if ('hubspotSignature' in first) return { kind: 'hubspot' };
  if ('salesforceHookToken' in first) return { kind: 'salesforceHookToken' };

  const scope = first['apiKey']?.[0];
  if (scope === undefined || !isApiScope(scope)) {
    throw new Error(`openapi: ${template} needs an apiKey requirement naming read|write|admin`);
  }
  return { kind: 'apiKey', scope };
}

/** Every operation of the spec; the spec, not the code, says which scope each one needs. */
export function specRoutes(spec: OpenApiDocument): SpecRoute[] {
  const fallback = (spec['security'] as SecurityRequirement[] | undefined) ?? [];
  const routes: SpecRoute[] = [];

  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as
        { operationId?: string; security?: SecurityRequirement[] } | undefined;
      if (!operation) continue;

      routes.push({
        method: method.toUpperCase(),
        template,
        operationId: operation.operationId ?? `${method} ${template}`,
        auth: authOf(operation.security ?? fallback, template),
        matcher: matcherOf(template),
      });
    }
  }
  return routes;
}
