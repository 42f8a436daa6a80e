import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { shippedFile } from '../../core/config/package-root.js';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { TextClassifier } from './text-classifier.js';
import type { ModelLanguage } from './text-features.js';

/** A shipped classifier and the digest of the file it came from. */
export interface ShippedClassifier {
  classifier: TextClassifier;
  /** First 12 hex digits of the file's SHA-256: saved models record which file scored. */
  digest: string;
}

const cache = new Map<ModelLanguage, ShippedClassifier>();

/** The path of a shipped model file; resolves the same from the sources and from dist/. */
export function shippedModelPath(language: ModelLanguage): string {
  return shippedFile('plugins', 'sentiment', 'models', `${language}.json`);
}

/** Loads `plugins/sentiment/models/<language>.json` once per process (no network). */
export function shippedClassifier(language: ModelLanguage): ShippedClassifier {
  const cached = cache.get(language);
  if (cached) return cached;

  const path = shippedModelPath(language);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new CrmMlError('sentiment_model_missing', `Shipped sentiment model ${path} is missing`, {
      cause,
    });
  }
  const loaded = {
    classifier: TextClassifier.fromJSON(JSON.parse(text) as unknown, path),
    digest: createHash('sha256').update(text).digest('hex').slice(0, 12),
  };
  cache.set(language, loaded);
  return loaded;
}
