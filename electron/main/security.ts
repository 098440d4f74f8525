import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../service/server/httpServer';

/** Only the camera is ever granted: onboarding captures documents and selfies with it. */
const ALLOWED_PERMISSIONS = new Set(['media']);

/**
 * Locks the app down: no navigation away from the bundled renderer, no new windows, no
 * webviews, a strict CSP on every response, and every permission but the camera denied.
 */
export function applySecurityPolicy(isOwnUrl: (url: string) => boolean): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const cameraOnly = permission === 'media' && mediaTypes.every((t) => t === 'video');
    callback(ALLOWED_PERMISSIONS.has(permission) && cameraOnly && isOwnUrl(details.requestingUrl));
  });
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) => permission === 'media' && isOwnUrl(origin));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOwnUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
