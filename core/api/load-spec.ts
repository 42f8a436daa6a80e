import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { packageRoot } from '../config/package-root.js';

/** An OpenAPI document as plain data. */
export type OpenApiDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, unknown>>;
};

/** Where the spec, the source of truth of the API, lives. */
export function specPath(): string {
  return join(packageRoot(), 'openapi', 'crm-ml.yaml');
}

let cached: OpenApiDocument | undefined;

/** The parsed spec; each call returns a fresh copy, since validators may change what they get. */
export function loadSpec(): OpenApiDocument {
  cached ??= parse(readFileSync(specPath(), 'utf8')) as OpenApiDocument;
  return structuredClone(cached);
}
