import type { Json, SavedModel } from '../../plugins/plugin.js';

/** One feature and how much it matters to the model. */
export interface FeatureImportance {
  feature: string;
  importance: number;
}

// Plugins that expose importance keep it under one of these keys of their config or weights.
const KEYS = ['featureImportance', 'feature_importance', 'importance'] as const;

function asImportance(value: Json | undefined): FeatureImportance[] | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]),
  );
  if (entries.length === 0) return null;
  return entries
    .map(([feature, importance]) => ({ feature, importance }))
    .sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance));
}

/** The model's feature importance, largest first, when the model exposes one; else null. */
export function featureImportanceOf(saved: SavedModel): FeatureImportance[] | null {
  for (const part of [saved.config, saved.weights]) {
    if (typeof part !== 'object' || part === null || Array.isArray(part)) continue;
    for (const key of KEYS) {
      const found = asImportance(part[key]);
      if (found) return found;
    }
  }
  return null;
}
