import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackRefusal } from './loopbackGuard';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { ErrorCode } from '../../../shared/errorCodes';
import type { Result } from '../../../shared/result';
import type { KycService } from '../KycService';
import { EXPORT_DOWNLOAD_PATH, serveExportDownload } from '../reports/serveExportDownload';
import { createKycRestHandler, isKycRestPath } from './kycRest/kycRestRouter';
import { createKillbHandler, isKillbPath } from './killb/killbRouter';
import { DIDIT_WEBHOOK_PATH, handleDiditWebhook } from './diditWebhook';
import type { KycRestOptions } from './kycRest/restContext';

/** Large enough for a 25 MB evidence file in base64 inside JSON. */
const MAX_BODY_BYTES = 40 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The same policy the desktop window sets: nothing loads from anywhere but this origin. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

function httpStatusFor(code: string): number {
  if (code === ErrorCode.NOT_AUTHENTICATED || code === ErrorCode.SESSION_EXPIRED || code === ErrorCode.BAD_CREDENTIALS) return 401;
  if (code === ErrorCode.FORBIDDEN || code === ErrorCode.HOST_REFUSED) return 403;
  if (code === ErrorCode.LOCKED_OUT) return 429;
  if (code === ErrorCode.UNKNOWN_OPERATION || code === ErrorCode.NOT_FOUND) return 404;
  if (code === ErrorCode.CASE_PURGED) return 410;
  if (code === ErrorCode.CASE_DECIDED || code === ErrorCode.OWNERS_NOT_APPROVED) return 409;
  if (code === ErrorCode.STALE_CASE || code === ErrorCode.STALE_POLICY || code === ErrorCode.USER_EXISTS || code === ErrorCode.EMAIL_REGISTERED || code === ErrorCode.OPERATOR_EXISTS) return 409;
  if (code === ErrorCode.INTERNAL) return 500;
  return 400;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function sendResult(res: ServerResponse, result: Result<unknown>): void {
  sendJson(res, result.ok ? 200 : httpStatusFor(result.error.code), result);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new RangeError('body too large'));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new RangeError('body too large'));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() || null : null;
}

export interface HttpServerOptions {
  /** The built renderer; omitted, only the API is served. */
  staticDir?: string;
  /** Upload limit and analysis wait of the kycService REST API. */
  kycRest?: Partial<KycRestOptions>;
  /** Host names besides loopback that requests may address (a reverse proxy forwarding webhooks). */
  allowedHosts?: readonly string[];
}

/**
 * The browser shell: the same service behind `POST /rpc/<operation>`, plus the built renderer.
 * Every RPC response body is the operation's Result; the HTTP status mirrors the error class.
 */
export function createHttpServer(service: KycService, options: HttpServerOptions = {}): Server {
  const kycRest = createKycRestHandler(service, options.kycRest);
  const killb = createKillbHandler(service);
  const server = createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: ErrorCode.INTERNAL, message: 'internal error' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = loopbackRefusal(req, (server.address() as AddressInfo).port, options.allowedHosts);
    if (refused) return sendJson(res, 403, { ok: false, error: { code: ErrorCode.HOST_REFUSED, message: refused } });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/health') {
      return sendJson(res, 200, { status: 'ok' });
    }
    if (isKycRestPath(url.pathname)) return kycRest(req, res, url);
    if (isKillbPath(url.pathname)) return killb(req, res, url);
    if (url.pathname === DIDIT_WEBHOOK_PATH) return handleDiditWebhook(service, req, res);
    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return sendJson(res, 405, { ok: false, error: { code: ErrorCode.INVALID_INPUT, message: 'use POST' } });
      }
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch {
        return sendJson(res, 413, { ok: false, error: { code: ErrorCode.INVALID_INPUT, message: `request body over ${MAX_BODY_BYTES} bytes` } });
      }
      let input: unknown = {};
      if (body.length) {
        try {
          input = JSON.parse(body.toString('utf8'));
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: ErrorCode.INVALID_INPUT, message: 'request body is not valid JSON' } });
        }
      }
      const op = decodeURIComponent(url.pathname.slice('/rpc/'.length));
      return sendResult(res, await service.callUntyped(op, input, bearerToken(req), `http ${req.socket.remoteAddress ?? 'unknown'}`));
    }
    const exportDownload = req.method === 'GET' ? EXPORT_DOWNLOAD_PATH.exec(url.pathname) : null;
    if (exportDownload) return serveExportDownload(service, exportDownload[1]!, bearerToken(req), res);
    if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(options.staticDir, url.pathname, res);
    sendJson(res, 404, { ok: false, error: { code: ErrorCode.NOT_FOUND, message: 'not found' } });
  }

  return server;
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(root, rel);
  // Never serve outside the renderer folder; unknown paths get the app shell (client routing).
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('The renderer is not built. Run: npm run build:web');
    return;
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    // Hashed asset names never change content; the shell must always be fresh.
    'cache-control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).pipe(res);
}
