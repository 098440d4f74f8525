import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KycService } from '../KycService';
import { receiveDiditWebhook } from '../sync/diditWebhook';

/** Where Didit's console sends webhooks (Business Console → API & Webhooks → webhook URL). */
export { DIDIT_WEBHOOK_PATH } from '../../../shared/schemas/sync';
/** A status webhook with its decision is a few kilobytes; anything far larger is not Didit's. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function readRaw(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BYTES) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_WEBHOOK_BYTES) {
        req.destroy();
        resolve(null);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Didit's webhook receiver: the raw bytes are what the signature covers, so the body is read
 * unparsed and handed to the sync module, which verifies, stores and answers.
 */
export async function handleDiditWebhook(service: KycService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return send(res, 405, { detail: 'use POST' });
  }
  const raw = await readRaw(req);
  if (!raw) return send(res, 413, { detail: `body over ${MAX_WEBHOOK_BYTES} bytes` });
  const answer = receiveDiditWebhook(service.deps, raw, { signature: header(req, 'x-signature'), timestamp: header(req, 'x-timestamp') });
  send(res, answer.status, answer.body);
}
