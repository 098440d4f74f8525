import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../../../shared/errorCodes';
import type { KillbError } from '../../../../shared/contracts/killbApi';
import type { ServiceError } from '../../../../shared/result';

/** A user body is a few KB; past this nobody legitimate is sending a profile. */
const MAX_JSON_BYTES = 256 * 1024;

export interface KillbReply {
  http: number;
  body: unknown;
  /** The error code of a refusal, for the audit event (never the message: it may quote input). */
  errorCode?: string;
}

export function killbOk(http: number, body: unknown): KillbReply {
  return { http, body };
}

export function killbFail(http: number, code: string, message: string, field?: string): KillbReply {
  const body: KillbError = { statusCode: http, code, message, ...(field ? { field } : {}) };
  return { http, body, errorCode: code };
}

/** The HTTP status for one of the service's error codes; the code itself travels in the body. */
export function httpStatusOf(code: string): number {
  switch (code) {
    case ErrorCode.NOT_AUTHENTICATED:
    case ErrorCode.SESSION_EXPIRED:
    case ErrorCode.BAD_CREDENTIALS:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.LOCKED_OUT:
      return 429;
    case ErrorCode.NOT_FOUND:
    case ErrorCode.UNKNOWN_OPERATION:
    case ErrorCode.CASE_PURGED:
      return 404;
    // USER.0001 and USER.0003: the request is well-formed but collides with a stored user.
    case ErrorCode.USER_EXISTS:
    case ErrorCode.EMAIL_REGISTERED:
    case ErrorCode.STALE_CASE:
      return 409;
    case ErrorCode.INTERNAL:
      return 500;
    default:
      return 400;
  }
}

/**
 * A service error as a KillB answer. `prefix` turns a path inside the profile (`document.number`)
 * into the path in the request body (`data.document.number`), in the field and in the message.
 */
export function fromServiceError(e: ServiceError, prefix = ''): KillbReply {
  if (!e.field) return killbFail(httpStatusOf(e.code), e.code, e.message);
  const field = `${prefix}${e.field}`;
  const message = e.message.startsWith(`${e.field}: `) ? `${field}: ${e.message.slice(e.field.length + 2)}` : e.message;
  return killbFail(httpStatusOf(e.code), e.code, message, field);
}

export function sendKillb(res: ServerResponse, reply: KillbReply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.http, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; reply: KillbReply };

/**
 * Reads the whole body (so the client always gets our answer, not a reset) and parses it as a
 * JSON object. The seed's client sends `Content-Type: application/json`; anything else is refused.
 */
export function readJsonObject(req: IncomingMessage): Promise<JsonBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_JSON_BYTES) chunks.push(c);
      // Far past the limit: stop reading instead of draining an endless upload.
      else if (size > 64 * MAX_JSON_BYTES) req.destroy();
    });
    req.on('error', () => resolve({ ok: false, reply: killbFail(400, ErrorCode.INVALID_INPUT, 'the request body could not be read') }));
    // Cut off (by the client, or by us above): settle so the handler ends; a later resolve is a no-op.
    req.on('close', () => resolve({ ok: false, reply: killbFail(413, ErrorCode.INVALID_INPUT, 'the body was cut off or too large') }));
    req.on('end', () => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return resolve({ ok: false, reply: killbFail(415, ErrorCode.INVALID_INPUT, 'send the body as application/json') });
      if (size > MAX_JSON_BYTES) return resolve({ ok: false, reply: killbFail(413, ErrorCode.INVALID_INPUT, `the body is over ${MAX_JSON_BYTES} bytes`) });
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return resolve({ ok: false, reply: killbFail(400, ErrorCode.INVALID_INPUT, 'the body is not valid JSON') });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return resolve({ ok: false, reply: killbFail(400, ErrorCode.INVALID_INPUT, 'the body must be a JSON object') });
      }
      resolve({ ok: true, value: parsed as Record<string, unknown> });
    });
  });
}
