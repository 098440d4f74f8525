import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { ErrorCode } from '../../../shared/errorCodes';
import type { KycService } from '../KycService';

/** `GET /exports/<id>/download`: the HTTP shell's way to save a finished batch export. */
export const EXPORT_DOWNLOAD_PATH = /^\/exports\/([A-Za-z0-9-]{1,64})\/download$/;

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ ok: false, error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * Streams a finished zip export. The session and role are checked by the service itself
 * through `reports.exportFile` (auditor and admin), so the route grants nothing the RPC
 * would not; folder exports stay on the workstation.
 */
export async function serveExportDownload(service: KycService, id: string, token: string | null, res: ServerResponse): Promise<void> {
  const r = await service.callUntyped('reports.exportFile', { id }, token);
  if (!r.ok) {
    const c = r.error.code;
    const status = c === ErrorCode.NOT_AUTHENTICATED || c === ErrorCode.SESSION_EXPIRED ? 401 : c === ErrorCode.FORBIDDEN ? 403 : c === ErrorCode.NOT_FOUND ? 404 : 409;
    return fail(res, status, c, r.error.message);
  }
  const file = r.value as { fileName: string; path: string; mimeType: string; sha256: string; byteSize: number };
  if (file.mimeType !== 'application/zip') return fail(res, 409, ErrorCode.ILLEGAL_TRANSITION, `this export is a folder on the workstation: ${file.path}`);
  res.writeHead(200, {
    'content-type': 'application/zip',
    'content-length': file.byteSize,
    'content-disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'x-content-sha256': file.sha256,
    'cache-control': 'no-store',
  });
  createReadStream(file.path).pipe(res);
}
