import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { shippedFile } from '../../core/config/package-root.js';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { TicketClassifier } from './ticket-classifier.js';

/** The shipped classifier and the digest of the file it came from. */
export interface ShippedTicketModel {
  classifier: TicketClassifier;
  /** First 12 hex digits of the file's SHA-256: saved models record which file scored. */
  digest: string;
}

/** The categories of the shipped model (the Endava IT-support topic groups). */
export const SHIPPED_TICKET_CATEGORIES = [
  'Access',
  'Administrative rights',
  'HR Support',
  'Hardware',
  'Internal Project',
  'Miscellaneous',
  'Purchase',
  'Storage',
];

let cached: ShippedTicketModel | undefined;

/** The path of the shipped model; resolves the same from the sources and from dist/. */
export function shippedTicketModelPath(): string {
  return shippedFile('plugins', 'tickets', 'models', 'it-support.json');
}

/** Loads `plugins/tickets/models/it-support.json` once per process (no network). */
export function shippedTicketModel(): ShippedTicketModel {
  if (cached) return cached;
  const path = shippedTicketModelPath();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new CrmMlError('tickets_model_missing', `Shipped ticket model ${path} is missing`, {
      cause,
    });
  }
  cached = {
    classifier: TicketClassifier.fromJSON(JSON.parse(text) as unknown, path),
    digest: createHash('sha256').update(text).digest('hex').slice(0, 12),
  };
  return cached;
}
