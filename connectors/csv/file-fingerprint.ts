import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';

/** What identifies one version of a file's content. */
export interface FileFingerprint {
  mtimeMs: number;
  size: number;
  sha256: string;
}

/** Hashes a file and notes its size and modification time. Throws `csv_not_found`. */
export async function fingerprintFile(path: string): Promise<FileFingerprint> {
  try {
    const before = await stat(path);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return { mtimeMs: before.mtimeMs, size: before.size, sha256: hash.digest('hex') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CrmMlError('csv_not_found', `${path} does not exist`, { cause: error });
    }
    throw error;
  }
}

/** True when the file still has the size and modification time of `fingerprint`. */
export async function isFileUnchanged(
  path: string,
  fingerprint: FileFingerprint,
): Promise<boolean> {
  const now = await stat(path);
  return now.size === fingerprint.size && now.mtimeMs === fingerprint.mtimeMs;
}
