import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../../../shared/errorCodes';
import type { ExportFile, ExportJob } from '../../../shared/schemas/report';
import type { startExportInputSchema } from '../../../shared/schemas/report';
import type { z } from 'zod';
import type { ServiceDeps } from '../core/ServiceDeps';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import type { AuthedContext } from '../handlers/Handlers';
import { exportsDir } from './writeReportFile';

function mustGet(deps: ServiceDeps, id: string): ExportJob {
  const j = deps.exportJobs.byId(id);
  if (!j) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such export', 'id');
  return j;
}

/** Queues the export and audits the request, in one transaction; the runner picks it up. */
export function startExport(ctx: AuthedContext, input: z.output<typeof startExportInputSchema>): ExportJob {
  const { deps, actor, now } = ctx;
  const id = newId();
  ctx.tx(() => {
    deps.exportJobs.insert({ id, format: input.format, filters: input.filters, now: now.toISOString(), createdBy: actor.id });
    deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'report.batch_requested', payload: { exportId: id, format: input.format, filters: input.filters } });
  });
  deps.exportRunner.start();
  deps.exportRunner.wake();
  return mustGet(deps, id);
}

export function listExports(deps: ServiceDeps, limit: number): ExportJob[] {
  // The first reports call of a process starts the runner, which resumes interrupted exports.
  deps.exportRunner.start();
  return deps.exportJobs.list(limit);
}

export function getExport(deps: ServiceDeps, id: string): ExportJob {
  deps.exportRunner.start();
  return mustGet(deps, id);
}

/** Stops a queued or running export; the runner notices before its next case and discards its files. */
export function cancelExport(ctx: AuthedContext, id: string): ExportJob {
  const { deps, actor, now } = ctx;
  ctx.tx(() => {
    const j = mustGet(deps, id);
    if (!deps.exportJobs.cancel(id, now.toISOString())) {
      throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${j.status} export cannot be cancelled`);
    }
    deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'report.batch_cancelled', payload: { exportId: id, doneCount: j.doneCount } });
  });
  return mustGet(deps, id);
}

/** The finished export on disk, for the HTTP download and the desktop's "show in folder". */
export function exportFileOf(deps: ServiceDeps, id: string): ExportFile {
  const j = mustGet(deps, id);
  if (j.status !== 'succeeded' || !j.outputName || !j.outputSha256) throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `the export is ${j.status}; only a finished export can be downloaded`);
  const path = join(exportsDir(deps), j.outputName);
  if (!existsSync(path)) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'the export files were removed from this workstation');
  const zip = j.format === 'zip';
  return { fileName: j.outputName, path, mimeType: zip ? 'application/zip' : 'inode/directory', sha256: j.outputSha256, byteSize: zip ? statSync(path).size : (j.byteSize ?? 0) };
}
