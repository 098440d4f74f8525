import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Fault, FaultKind, FaultPlan } from './faults';

/**
 * The HTTP plumbing shared by the Didit and KillB fakes: listen on 127.0.0.1 (port 0), read the
 * body, route, apply the fault the plan picks, answer, and log every request. Each fake supplies
 * its own routes and its own error bodies (the two vendors word errors differently).
 */

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Sent as is when a Buffer or a string; anything else is sent as JSON. */
  body?: unknown;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

export interface RouteDef<Id extends string> {
  id: Id;
  method: 'GET' | 'POST' | 'PATCH';
  /** Whole-path pattern; its capture groups are the handler's params. */
  pattern: RegExp;
  handler: (req: FakeRequest, params: readonly string[]) => Reply | Promise<Reply>;
}

/** One request as the fake saw it (the soak counts and inspects these). */
export interface RequestRecord {
  /** Route id, or null when no route matched (404/405). */
  route: string | null;
  method: string;
  path: string;
  query: string;
  /** As received, but `x-api-key` and `authorization` read `<redacted>`. */
  headers: IncomingHttpHeaders;
  body: string;
  /** Fake clock, ms. */
  at: number;
  fault: FaultKind | null;
  /** Status written, or null when the connection was dropped without an answer. */
  status: number | null;
}

/** The vendor's wording for errors the transport produces rather than a route. */
export interface TransportErrors {
  notFound(): Reply;
  methodNotAllowed(method: string, allowed: readonly string[]): Reply;
  payloadTooLarge(limit: number): Reply;
  serverError(status: 500 | 502 | 503 | 504): Reply;
  rateLimited(retryAfterSeconds: number): Reply;
}

export interface FakeHttpOptions<Id extends string> {
  routes: readonly RouteDef<Id>[];
  faults: FaultPlan;
  errors: TransportErrors;
  maxBodyBytes: number;
  now: () => number;
  log: RequestRecord[];
  /** Exceptions thrown by a handler: a bug in the fake, surfaced to the tests instead of hidden. */
  internalErrors: unknown[];
}

export interface FakeHttp {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops listening and drops every open, held or delayed connection at once. */
  close(): Promise<void>;
}

export const isJsonContentType = (h: IncomingHttpHeaders): boolean => /^application\/([\w.+-]*\+)?json\b/i.test(String(h['content-type'] ?? ''));

/** The headers with `x-api-key` and `authorization` replaced by `<redacted>` when present. */
export function redact(h: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = { ...h };
  for (const k of ['x-api-key', 'authorization']) if (out[k] !== undefined) out[k] = '<redacted>';
  return out;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

export async function startFakeHttp<Id extends string>(o: FakeHttpOptions<Id>): Promise<FakeHttp> {
  const sockets = new Set<Socket>();
  const timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  let closing = false;

  /** A wait that `close()` cuts short, so a delayed or held request never outlives the fake. */
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, ms),
        wake: resolve,
      };
      timers.add(entry);
    });

  const drop = (req: IncomingMessage, reset: boolean) => {
    // resetAndDestroy sends a TCP RST: the client sees ECONNRESET, as when a proxy dies.
    if (reset) req.socket.resetAndDestroy();
    else req.socket.destroy();
  };

  const write = (res: ServerResponse, r: Reply): number | null => {
    if (res.destroyed || res.socket?.destroyed) return null;
    const headers: Record<string, string> = { ...(r.headers ?? {}) };
    let payload: Buffer;
    if (Buffer.isBuffer(r.body)) payload = r.body;
    else if (typeof r.body === 'string') payload = Buffer.from(r.body, 'utf8');
    else if (r.body === undefined) payload = Buffer.alloc(0);
    else {
      payload = Buffer.from(JSON.stringify(r.body), 'utf8');
      headers['content-type'] ??= 'application/json';
    }
    headers['content-length'] = String(payload.length);
    res.writeHead(r.status, headers);
    res.end(payload);
    return r.status;
  };

  const readBody = (req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        // Past the limit the rest is drained and discarded, so the answer can still be written.
        if (size > o.maxBodyBytes) tooLarge = true;
        else chunks.push(c);
      });
      req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
      req.on('error', reject);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    let body: { body: Buffer; tooLarge: boolean };
    try {
      body = await readBody(req);
    } catch {
      return; // the client went away mid-body: nothing to answer
    }
    const record: RequestRecord = {
      route: null,
      method,
      path: url.pathname,
      query: url.search,
      // Credentials are not kept in the log: a test that dumps it must not spread even fake secrets.
      headers: redact(req.headers),
      body: body.body.toString('utf8'),
      at: o.now(),
      fault: null,
      status: null,
    };
    o.log.push(record);
    if (body.tooLarge) {
      record.status = write(res, o.errors.payloadTooLarge(o.maxBodyBytes));
      return;
    }
    const onPath = o.routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m);
    if (onPath.length === 0) {
      record.status = write(res, o.errors.notFound());
      return;
    }
    const hit = onPath.find((x) => x.r.method === method);
    const match = hit?.m;
    if (!hit || !match) {
      const allowed = [...new Set(onPath.map((x) => x.r.method))];
      const r = o.errors.methodNotAllowed(method, allowed);
      record.status = write(res, { ...r, headers: { ...(r.headers ?? {}), allow: allowed.join(', ') } });
      return;
    }
    record.route = hit.r.id;
    const fault: Fault | null = o.faults.next(hit.r.id);
    record.fault = fault?.kind ?? null;
    const run = async (): Promise<Reply> => {
      try {
        return await hit.r.handler({ method, path: url.pathname, query: url.searchParams, headers: req.headers, rawBody: body.body }, match.slice(1));
      } catch (err) {
        o.internalErrors.push(err);
        return o.errors.serverError(500);
      }
    };
    switch (fault?.kind) {
      case undefined:
        record.status = write(res, await run());
        return;
      case 'serverError': {
        const r = o.errors.serverError(fault.status ?? 500);
        const headers = { ...(r.headers ?? {}) };
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        record.status = write(res, { ...r, headers });
        return;
      }
      case 'rateLimited': {
        const r = o.errors.rateLimited(fault.retryAfterSeconds);
        record.status = write(res, { ...r, headers: { ...(r.headers ?? {}), 'retry-after': String(fault.retryAfterSeconds) } });
        return;
      }
      case 'delay':
        await wait(fault.ms);
        if (closing) return;
        record.status = write(res, await run());
        return;
      case 'hang':
        await wait(fault.ms ?? 2000);
        drop(req, false);
        return;
      case 'reset':
        drop(req, true);
        return;
      case 'commitThenLose':
        await run();
        drop(req, true);
        return;
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the fakes are never reachable from another machine.
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('fake server has no TCP address');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    port: addr.port,
    close: async () => {
      closing = true;
      for (const t of timers) {
        clearTimeout(t.timer);
        t.wake();
      }
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Only loopback targets: a fake never sends anything off this machine. */
export function assertLoopbackUrl(raw: string): URL {
  const u = new URL(raw);
  if (u.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) throw new Error(`fake refuses to send to ${raw}: loopback http only`);
  return u;
}
