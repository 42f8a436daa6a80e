import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CrmMlError } from '../core/errors/crm-ml-error.js';

/**
 * The file URL to import for a plugin package `name`, looked up the way Node looks up a bare
 * import from a module in `cwd`: the node_modules folders from `cwd` upwards (then the global
 * ones), not crm-ml's own install location, so a globally installed crm-ml finds the plugins
 * of the project it runs in. Paths (`./x.mjs`, `/opt/x.mjs`, `file:`) resolve against `cwd`.
 * The entry is the package's `exports` (`import`, `node` or `default` condition) or `main`.
 */
export function resolvePluginPackage(name: string, cwd: string): string {
  if (name.startsWith('file:')) return name;
  if (isAbsolute(name) || name.startsWith('./') || name.startsWith('../')) {
    return pathToFileURL(resolve(cwd, name)).href;
  }

  const { packageName, subpath } = splitName(name);
  // resolve.paths lists the node_modules folders Node would search from a module in cwd.
  const folders = createRequire(join(resolve(cwd), 'crm-ml-plugin-lookup.js')).resolve.paths(
    packageName,
  );
  for (const folder of folders ?? []) {
    const root = join(folder, packageName);
    if (!existsSync(join(root, 'package.json'))) continue;
    return pathToFileURL(join(root, entryOf(root, subpath, name))).href;
  }
  throw new CrmMlError(
    'plugin_package_not_found',
    `Plugin package '${name}' is not installed in ${cwd} (npm install ${packageName})`,
  );
}

/** `@scope/pkg/sub` → `@scope/pkg` and `./sub`. */
function splitName(name: string): { packageName: string; subpath: string } {
  const parts = name.split('/');
  const length = name.startsWith('@') ? 2 : 1;
  const rest = parts.slice(length).join('/');
  return { packageName: parts.slice(0, length).join('/'), subpath: rest ? `./${rest}` : '.' };
}

function entryOf(root: string, subpath: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    exports?: unknown;
    main?: unknown;
  };
  if (manifest.exports !== undefined) {
    const exported = exportTarget(manifest.exports, subpath);
    if (exported !== null) return exported;
    throw new CrmMlError(
      'plugin_package_failed',
      `Plugin package '${name}' exports no '${subpath}' for import`,
    );
  }
  if (subpath !== '.') return subpath;
  return typeof manifest.main === 'string' ? manifest.main : 'index.js';
}

const CONDITIONS = ['import', 'node', 'default'];

// Only what plugin packages use: a string, a subpath map, nested conditions. No patterns.
function exportTarget(exports: unknown, subpath: string): string | null {
  if (typeof exports === 'string') return subpath === '.' ? exports : null;
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return null;

  const map = exports as Record<string, unknown>;
  const keys = Object.keys(map);
  if (keys.some((key) => key.startsWith('.'))) {
    return map[subpath] === undefined ? null : conditionTarget(map[subpath]);
  }
  return subpath === '.' ? conditionTarget(map) : null;
}

function conditionTarget(target: unknown): string | null {
  if (typeof target === 'string') return target;
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return null;
  const map = target as Record<string, unknown>;
  for (const condition of CONDITIONS) {
    if (map[condition] === undefined) continue;
    const found = conditionTarget(map[condition]);
    if (found !== null) return found;
  }
  return null;
}
