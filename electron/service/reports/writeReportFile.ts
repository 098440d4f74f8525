import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ServiceDeps } from '../core/ServiceDeps';

export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Exports live next to the store: <data dir>/exports. */
export function exportsDir(deps: Pick<ServiceDeps, 'db'>): string {
  return join(dirname(deps.db.name), 'exports');
}

/** One line in `sha256sum` format, so `sha256sum -c name.sha256` checks the file. */
export function sha256Line(sha256: string, fileName: string): string {
  return `${sha256}  ${fileName}\n`;
}

/** Write then rename: a crash never leaves a partial file under its final name. */
export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, bytes, { flag: 'wx' });
  renameSync(tmp, path);
}

/** Writes a PDF and its `<name>.pdf.sha256` sidecar; returns the PDF's SHA-256. */
export function writeWithSidecar(path: string, pdf: Uint8Array): { sha256: string; sidecarPath: string } {
  const sha256 = sha256Of(pdf);
  writeAtomic(path, pdf);
  const sidecarPath = `${path}.sha256`;
  writeAtomic(sidecarPath, sha256Line(sha256, basename(path)));
  return { sha256, sidecarPath };
}
