import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { test } from 'node:test';

import SwaggerParser from '@apidevtools/swagger-parser';
import openapiTS, { astToString } from 'openapi-typescript';

import { loadSpec, specPath } from '../../core/api/load-spec.js';
import { specRoutes } from '../../core/api/spec-routes.js';
import { packageRoot } from '../../core/config/package-root.js';

test('openapi/crm-ml.yaml is a valid OpenAPI 3.1 document', async () => {
  const api = await SwaggerParser.validate(specPath());
  assert.equal((api as { openapi?: string }).openapi, '3.1.0');
});

test('every operation has an operationId and names its auth (a scope, or none on purpose)', () => {
  const routes = specRoutes(loadSpec());
  const ids = routes.map((route) => route.operationId);
  assert.equal(new Set(ids).size, ids.length);
  const open = routes.filter((route) => route.auth.kind === 'none').map((r) => r.template);
  assert.deepEqual(open, ['/v1/health']);
});

// When this fails, run `npm run openapi:types` and commit openapi/crm-ml.d.ts.
test('openapi/crm-ml.d.ts is what openapi-typescript makes of the spec', async () => {
  const generated = astToString(await openapiTS(pathToFileURL(specPath())));
  const committed = await readFile(join(packageRoot(), 'openapi', 'crm-ml.d.ts'), 'utf8');
  // The CLI adds a header comment; compare the declarations themselves.
  const body = (text: string): string => text.slice(text.indexOf('export '));
  assert.equal(body(committed), body(generated));
});
