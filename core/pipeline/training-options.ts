import { configure } from 'safe-stable-stringify';

import type { Plugin } from '../../plugins/plugin.js';

// Keys sorted, so two runs with equal options give equal text whatever order they were written in.
const canonicalJson = configure({ deterministic: true, circularValue: Error, bigint: false });

/**
 * The options a plugin trains with, as its `parseOptions` returns them (defaults filled in), in
 * canonical JSON: what a model records, so a later run can tell that the options changed.
 * Options the plugin does not return, or refuses, count as given: its `train` reads them too
 * and reports the refusal where a training failure belongs.
 */
export function trainingOptionsJson(plugin: Plugin, options: Record<string, unknown>): string {
  let parsed: unknown;
  try {
    parsed = plugin.parseOptions?.(options);
  } catch {
    parsed = undefined;
  }
  return canonicalJson(parsed ?? options) ?? 'null';
}
