import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, relative } from 'node:path';

/**
 * The desktop window loads the renderer from app://kyc/… instead of file://: one origin the
 * navigation, permission and CSP checks can name exactly ('self' is app://kyc), where file://
 * would make every local file same-origin. The Electron side (electron/main/appProtocol.ts)
 * only registers the scheme and streams the file this module picks.
 */
export const APP_SCHEME = 'app';
const APP_HOST = 'kyc';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True only for URLs of the app's own origin (not another host under the same scheme). */
export function isAppUrl(url: string): boolean {
  try {
    // Compared by parts: Node's URL reports a non-special scheme's origin as "null".
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * The file under `rendererDir` an app:// URL names, or null when it names nothing there: another
 * origin, a path that leaves the folder once decoded (`..`, encoded slashes, backslashes, NUL),
 * or a missing file. `/` is the renderer's index.html.
 */
export function appProtocolFile(url: string, rendererDir: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const rel = normalize(path === '/' ? 'index.html' : path.replace(/^\/+/, ''));
  const file = join(rendererDir, rel);
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}
