import type { ServerResponse } from 'node:http';
import { ErrorCode } from '../../../../shared/errorCodes';
import type { ServiceError } from '../../../../shared/result';

/**
 * kycService's response envelope: `{code, message, data}`, code 0 for success. Failure codes
 * are numeric as kycService's are (20001: liveness failed, results in data.list); `data.errorCode`
 * carries our stable string code and `data.field` the offending parameter.
 */
export const RestCode = {
  OK: 0,
  INVALID_PARAMETER: 10001,
  UNSUPPORTED_CONTENT_TYPE: 10002,
  PAYLOAD_TOO_LARGE: 10003,
  MISSING_PARAMETER: 10004,
  BAD_FILE_NAME: 10005,
  MALFORMED_BODY: 10006,
  LIVENESS_FAILED: 20001,
  LIVENESS_SESSION: 20002,
  LIVENESS_CLIPS: 20003,
  LIVENESS_CALLBACK_REPLAYED: 20004,
  DOCUMENT_UPLOAD_FAILED: 30001,
  INVALID_FILE: 30002,
  NOT_AUTHENTICATED: 40100,
  FORBIDDEN: 40300,
  NOT_FOUND: 40400,
  METHOD_NOT_ALLOWED: 40500,
  CONFLICT: 40900,
  ENGINE_OFF: 50001,
  INTERNAL: 50000,
} as const;
export type RestCodeValue = (typeof RestCode)[keyof typeof RestCode];

export interface RestReply {
  http: number;
  body: { code: number; message: string; data: unknown };
  /** A file answered as itself (an upload's URL), not in the envelope; `body` still says how the call went, for the audit. */
  file?: { mimeType: string; bytes: Buffer };
}

export function restOk(data: unknown, message = 'success'): RestReply {
  return { http: 200, body: { code: RestCode.OK, message, data } };
}

export function restFail(http: number, code: RestCodeValue, message: string, data: Record<string, unknown> = {}): RestReply {
  return { http, body: { code, message, data } };
}

/** The numeric code and HTTP status for one of the service's error codes. */
export function fromServiceError(e: ServiceError): RestReply {
  const data = { errorCode: e.code, ...(e.field ? { field: e.field } : {}) };
  const map = (http: number, code: RestCodeValue) => restFail(http, code, e.message, data);
  switch (e.code) {
    case ErrorCode.NOT_AUTHENTICATED:
    case ErrorCode.SESSION_EXPIRED:
    case ErrorCode.BAD_CREDENTIALS:
      return map(401, RestCode.NOT_AUTHENTICATED);
    case ErrorCode.FORBIDDEN:
      return map(403, RestCode.FORBIDDEN);
    case ErrorCode.NOT_FOUND:
    case ErrorCode.CASE_PURGED:
    case ErrorCode.UNKNOWN_OPERATION:
      return map(404, RestCode.NOT_FOUND);
    case ErrorCode.ILLEGAL_TRANSITION:
    case ErrorCode.STALE_CASE:
    case ErrorCode.USER_EXISTS:
    case ErrorCode.EMAIL_REGISTERED:
    case ErrorCode.OPERATOR_EXISTS:
    case ErrorCode.INTAKE_UNDER_REVIEW:
    case ErrorCode.INTAKE_COMPLETED:
    case ErrorCode.INTAKE_HAS_PROFILE:
    case ErrorCode.RETRY_LIMIT:
    case ErrorCode.CASE_DECIDED:
    case ErrorCode.OWNERS_NOT_APPROVED:
      return map(409, RestCode.CONFLICT);
    case ErrorCode.REQUIRED:
      return map(400, RestCode.MISSING_PARAMETER);
    case ErrorCode.INVALID_EVIDENCE:
      return map(400, RestCode.INVALID_FILE);
    case ErrorCode.LIVENESS_SESSION:
      return e.field === 'callback' ? map(409, RestCode.LIVENESS_CALLBACK_REPLAYED) : map(400, RestCode.LIVENESS_SESSION);
    case ErrorCode.LIVENESS_CLIPS:
      return map(400, RestCode.LIVENESS_CLIPS);
    case ErrorCode.ENGINE_OFF:
      return map(503, RestCode.ENGINE_OFF);
    case ErrorCode.INTERNAL:
      return map(500, RestCode.INTERNAL);
    default:
      return map(400, RestCode.INVALID_PARAMETER);
  }
}

export function sendReply(res: ServerResponse, reply: RestReply): void {
  if (reply.file) {
    // nosniff: the stored type was checked against the bytes on upload; browsers must not guess another.
    res.writeHead(reply.http, { 'content-type': reply.file.mimeType, 'content-length': reply.file.bytes.length, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(reply.file.bytes);
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.http, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
