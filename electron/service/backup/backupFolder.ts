import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';

/**
 * Why a backup folder cannot take a backup, in words an admin can act on; null when it can.
 * A missing folder is never created: a path on a drive that is not mounted would otherwise fill
 * the local disk while the admin believes the copies go elsewhere.
 */
export function backupFolderProblem(dir: string): string | null {
  if (!isAbsolute(dir)) return 'the backup folder must be an absolute path';
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    return fsProblem(e, dir);
  }
  if (!isDir) return `${dir} is a file, not a folder`;
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    return fsProblem(e, dir);
  }
  return null;
}

/** A file-system error while reading or writing the backup folder, worded (the errno code kept at the end for support). */
export function fsProblem(e: unknown, dir: string): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `the folder ${dir} does not exist: create it, or check that its drive is mounted (ENOENT)`;
    case 'ENOTDIR':
      return `part of ${dir} is a file, not a folder (ENOTDIR)`;
    case 'EACCES':
    case 'EPERM':
      return `this workstation may not write to ${dir}: check the folder's permissions (${code})`;
    case 'EROFS':
      return `${dir} is on a read-only drive (EROFS)`;
    case 'ENOSPC':
      return `the drive holding ${dir} is full (ENOSPC)`;
    case 'EIO':
      return `the drive holding ${dir} failed to read or write: check it is still connected (EIO)`;
    default:
      return `the backup could not be written to ${dir} (${code ?? (e instanceof Error ? e.name : 'failed')})`;
  }
}
