import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, appProtocolFile } from '../service/runtime/appProtocolFile';
import { CONTENT_SECURITY_POLICY } from '../service/server/httpServer';

/**
 * app:// as a standard, secure scheme: the renderer gets a real origin (app://kyc) with the
 * privileges of https, instead of file://. Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves the renderer bundle under app://kyc/; anything outside it is a 404. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appProtocolFile(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    // Set here too: webRequest's header hook does not see custom-protocol responses.
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    return new Response(res.body, { status: res.status, headers });
  });
}
