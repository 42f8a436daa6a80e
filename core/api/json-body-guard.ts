import type { RequestHandler } from 'express';

import { CrmMlError } from '../errors/crm-ml-error.js';

// Deeper than any body of the spec needs; recursive code further on (sealing credentials,
// the validator) would otherwise run out of stack on a hostile one.
const MAX_DEPTH = 32;

/**
 * Refuses JSON bodies the rest of the stack cannot take: nesting deeper than 32 levels
 * (`body_too_deep`) and a NUL character in any string or key (`body_nul_character`, which
 * PostgreSQL text cannot store). Both name the first offending place, e.g. `/body/label`.
 */
export function jsonBodyGuard(): RequestHandler {
  return (req, _res, next) => {
    const body: unknown = req.body;
    if (typeof body === 'object' && body !== null) check(body);
    next();
  };
}

function check(root: object): void {
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: '/body', depth: 0 },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw nul(path);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) {
      throw new CrmMlError('body_too_deep', `the body nests deeper than ${MAX_DEPTH} levels`, {
        details: [{ path, message: `nested more than ${MAX_DEPTH} levels deep` }],
      });
    }
    for (const [key, child] of Object.entries(value)) {
      const escaped = key
        .replaceAll('~', '~0')
        .replaceAll('/', '~1')
        .replaceAll('\u0000', '\\u0000');
      const at = `${path}/${escaped}`;
      if (key.includes('\u0000')) throw nul(at);
      pending.push({ value: child, path: at, depth: depth + 1 });
    }
  }
}

function nul(path: string): CrmMlError {
  return new CrmMlError('body_nul_character', `the body has a NUL character at ${path}`, {
    details: [{ path, message: 'contains a NUL (\\u0000) character' }],
  });
}
