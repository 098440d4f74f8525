import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ServiceDeps } from '../core/ServiceDeps';
import { reportFilePrefix } from './caseReportPdf';
import { sha256Line } from '../../../shared/sha256Line';

export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Exports live next to the store: <data dir>/exports. */
export function exportsDir(deps: Pick<ServiceDeps, 'db'>): string {
  return join(dirname(deps.db.name), 'exports');
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

/**
 * Deletes the single-case reports (and sidecars) exported for a case: they hold its personal
 * data, so they go when the case is purged. Batch exports are the auditor's deliverable and are
 * governed by their own records policy. Returns how many files were removed.
 */
export function deleteCaseReports(deps: Pick<ServiceDeps, 'db'>, caseId: string, externalId: string): number {
  const dir = join(exportsDir(deps), 'cases');
  if (!existsSync(dir)) return 0;
  const prefix = reportFilePrefix(caseId, externalId);
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !(name.endsWith('.pdf') || name.endsWith('.pdf.sha256'))) continue;
    rmSync(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}
