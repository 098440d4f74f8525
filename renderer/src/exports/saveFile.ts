import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { useSession } from '../store/sessionStore';

/** Hands bytes to the browser's download manager under `fileName`. */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function base64ToBlob(base64: string, type: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Only the browser shell downloads over HTTP; the desktop shell shows where the file was saved. */
export const canDownloadOverHttp = (): boolean => api.transport === 'http';

/** Fetches a finished zip from GET /exports/<id>/download with the session token, then saves it. */
export async function downloadExport(id: string, fileName: string): Promise<boolean> {
  const token = useSession.getState().session?.token;
  let res: Response;
  try {
    res = await fetch(`/exports/${encodeURIComponent(id)}/download`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    handleError({ code: 'NET.0001', message: 'the workstation service cannot be reached' });
    return false;
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    handleError(body?.error ?? { code: 'NET.0001', message: `the download failed (${res.status})` });
    return false;
  }
  saveBlob(fileName, await res.blob());
  return true;
}
