import { CrmMlError } from '../core/errors/crm-ml-error.js';
import type { SavedModel } from './plugin.js';

/** Refuses a saved model of another plugin (`<pluginId>_model_wrong_plugin`) before loading it. */
export function assertSavedModelOf(saved: SavedModel, pluginId: string): void {
  if (saved.pluginId === pluginId) return;
  throw new CrmMlError(
    `${pluginId}_model_wrong_plugin`,
    `Saved model belongs to plugin '${saved.pluginId}', not '${pluginId}'`,
  );
}
