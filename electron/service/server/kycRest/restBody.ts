import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { RestCode, restFail, type RestReply } from './restEnvelope';
import { RestAbort } from './restAbort';

/** JSON bodies are small (profile fields, ids); files come as multipart. */
const MAX_JSON_BYTES = 1024 * 1024;
/** Past this the connection is cut instead of drained: nobody legitimate sends that much. */
const HARD_DRAIN_LIMIT = 256 * 1024 * 1024;

export type BodyResult<T> = { ok: true; value: T } | { ok: false; reply: RestReply };

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Reads everything (so the client always gets our answer), keeping at most `keep` bytes. */
function drain(req: IncomingMessage, keep: number): Promise<{ data: Buffer; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= keep) chunks.push(c);
      if (size > HARD_DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => resolve({ data: Buffer.concat(chunks), size }));
    req.on('error', reject);
    req.on('close', () => resolve({ data: Buffer.concat(chunks), size }));
  });
}

/** An empty body is `{}`; anything else must be a JSON object sent as application/json. */
export async function readJsonBody(req: IncomingMessage): Promise<BodyResult<Record<string, unknown>>> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const { data, size } = await drain(req, MAX_JSON_BYTES);
  if (size === 0 && declared === 0) return { ok: true, value: {} };
  if (mediaType(req) !== 'application/json') {
    return { ok: false, reply: restFail(415, RestCode.UNSUPPORTED_CONTENT_TYPE, 'send the parameters as application/json') };
  }
  if (size > MAX_JSON_BYTES) return { ok: false, reply: restFail(413, RestCode.PAYLOAD_TOO_LARGE, `JSON body over ${MAX_JSON_BYTES} bytes`) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch {
    return { ok: false, reply: restFail(400, RestCode.MALFORMED_BODY, 'the body is not valid JSON') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reply: restFail(400, RestCode.MALFORMED_BODY, 'the body must be a JSON object') };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

/** A JSON field that must be a string when present: a number where text is expected is refused, not coerced. */
export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, `${name} must be a string`, { field: name }));
  return v;
}

export interface UploadedFile {
  field: string;
  fileName: string;
  data: Buffer;
}

export interface MultipartSpec {
  /** File parts this endpoint takes; anything else is refused. */
  files: readonly string[];
  /** Text parts this endpoint takes. */
  fields: readonly string[];
  maxFileBytes: number;
}

/** A client-supplied name is never used as a path, but one that tries to be one is refused outright. */
export function isSafeFileName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[/\\\0]/.test(name) && !name.split('.').every((p) => p === '') && !name.includes('..');
}

/**
 * Parses multipart/form-data in memory with busboy, with per-file size limits. The whole body
 * is read before answering, so a refused upload still gets its coded answer; nothing is
 * written anywhere until the caller has checked every part. A body cut short (a dropped
 * mobile connection), a missing boundary or a malformed part header is a coded 10006, never an
 * unhandled stream error: busboy destroys the open file stream with the error, so every
 * stream it hands out gets an error listener.
 */
export function readMultipart(req: IncomingMessage, spec: MultipartSpec): Promise<BodyResult<{ fields: Record<string, string>; files: Record<string, UploadedFile> }>> {
  if (mediaType(req) !== 'multipart/form-data') {
    return drain(req, 0).then(() => ({ ok: false, reply: restFail(415, RestCode.UNSUPPORTED_CONTENT_TYPE, 'send the files as multipart/form-data') }));
  }
  return new Promise((resolve) => {
    let failure: RestReply | null = null;
    let settled = false;
    const fail = (r: RestReply) => {
      failure ??= r;
    };
    const malformed = () => restFail(400, RestCode.MALFORMED_BODY, 'the multipart body is malformed or cut short; send it again whole');
    const fields: Record<string, string> = {};
    const files: Record<string, UploadedFile> = {};
    const settle = () => {
      if (settled) return;
      settled = true;
      resolve(failure ? { ok: false, reply: failure } : { ok: true, value: { fields, files } });
    };
    /** After a parse error: read (and drop) whatever the client still sends, then answer. */
    const abandon = () => {
      fail(malformed());
      req.unpipe(bb);
      if (req.readableEnded || req.destroyed) return settle();
      // unpipe pauses the request; it must flow again for the rest to be read and dropped.
      void drain(req, 0).then(settle, settle);
      req.resume();
    };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, preservePath: true, limits: { fileSize: spec.maxFileBytes, files: spec.files.length, fields: spec.fields.length + 4, fieldSize: 64 * 1024, parts: spec.files.length + spec.fields.length + 4 } });
    } catch {
      void drain(req, 0).then(() => resolve({ ok: false, reply: restFail(400, RestCode.MALFORMED_BODY, 'the multipart body has no boundary') }));
      return;
    }
    bb.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      if (!spec.files.includes(name)) fail(restFail(400, RestCode.INVALID_PARAMETER, `unexpected file part ${name}; this endpoint takes ${spec.files.join(', ')}`, { field: name }));
      else if (files[name]) fail(restFail(400, RestCode.INVALID_PARAMETER, `send ${name} once`, { field: name }));
      else if (!isSafeFileName(info.filename ?? '')) fail(restFail(400, RestCode.BAD_FILE_NAME, `the file name of ${name} is not a plain file name`, { field: name }));
      stream.on('data', (c: Buffer) => {
        if (!failure) chunks.push(c);
      });
      stream.on('limit', () => fail(restFail(413, RestCode.PAYLOAD_TOO_LARGE, `${name} is larger than ${Math.round(spec.maxFileBytes / 1024 / 1024)} MB`, { field: name })));
      // A file part cut short is never kept: its stream errors instead of ending.
      stream.on('error', () => fail(malformed()));
      stream.on('end', () => {
        if (!failure && spec.files.includes(name) && !files[name]) files[name] = { field: name, fileName: info.filename ?? '', data: Buffer.concat(chunks) };
      });
    });
    bb.on('field', (name, value) => {
      if (spec.fields.includes(name)) fields[name] = value.trim();
    });
    bb.on('filesLimit', () => fail(restFail(400, RestCode.INVALID_PARAMETER, `too many files; this endpoint takes ${spec.files.join(', ')}`)));
    bb.on('partsLimit', () => fail(restFail(400, RestCode.INVALID_PARAMETER, 'too many parts')));
    bb.on('error', abandon);
    bb.on('close', settle);
    // The client went away mid-body: nothing to answer, but nothing may hang or be kept.
    req.on('aborted', () => {
      fail(malformed());
      settle();
    });
    req.on('error', () => {
      fail(malformed());
      settle();
    });
    req.on('data', (c: Buffer) => {
      if (c.length && req.socket.bytesRead > HARD_DRAIN_LIMIT) req.destroy();
    });
    req.pipe(bb);
  });
}
