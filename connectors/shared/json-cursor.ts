import type { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';

/**
 * Encodes and decodes a connector's opaque sync cursor as versioned JSON checked by a zod
 * schema, so a cursor saved by another connector (or a hand-edited one) is refused by name.
 */
export interface JsonCursorCodec<T> {
  encode(cursor: T): string;
  decode(text: string): T;
}

export function jsonCursorCodec<S extends z.ZodType>(
  schema: S,
  invalidCode: string,
  label: string,
): JsonCursorCodec<z.infer<S>> {
  return {
    encode: (cursor) => JSON.stringify(cursor),
    decode: (text) => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }

      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new CrmMlError(
          invalidCode,
          `Not a ${label} sync cursor: ${text.slice(0, 80)}; run a full sync (cursor null) instead`,
        );
      }
      return parsed.data;
    },
  };
}
