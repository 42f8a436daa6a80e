import { CrmMlError } from '../errors/crm-ml-error.js';

/**
 * Where a plugin's code was running when it crashed. After `train`, training also calls the
 * new model's `save`, then its `score` on training records (the drift reference).
 */
export type CrashStage =
  | 'training'
  | 'saving the trained model'
  | 'scoring its training records (drift reference)'
  | 'scoring';

/**
 * Why a plugin is skipped when it threw something that is not a `CrmMlError` (a bug in it,
 * e.g. a TypeError): the run goes on without it. Null for a `CrmMlError`, which is an outcome
 * the plugin or the store meant (bad options, a transient failure) and is handled as such.
 */
export function crashReason(error: unknown, stage: CrashStage): string | null {
  if (error instanceof CrmMlError) return null;
  const message = error instanceof Error ? error.message : String(error);
  return `crashed while ${stage}: ${message.slice(0, 200)}`;
}
