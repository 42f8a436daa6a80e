import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding crm-ml's package.json, found by walking up from this file, so shipped
 * files (`data/`) resolve the same from the sources and from the compiled `dist/`.
 */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('crm-ml: package.json not found above ' + folder);
    folder = parent;
  }
  return folder;
}

/** A file shipped with crm-ml, by its path inside the package. */
export function shippedFile(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
