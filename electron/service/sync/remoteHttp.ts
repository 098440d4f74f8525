import { parseRetryAfter } from './backoff';

/** One remote call's limit: a remote that does not answer in time is retried later, not waited on. */
export const REMOTE_TIMEOUT_MS = 15_000;

/** What a delivery attempt came to, as the runner needs it. */
export type DeliveryOutcome =
  | { ok: true; remoteId: string | null }
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number | null };

export interface RemoteResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export class RemoteCallError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

/**
 * A JSON call to a remote API with a timeout. Network failures, timeouts, 408, 429 and 5xx are
 * retryable (429/503 with the remote's Retry-After); other 4xx are the remote refusing this
 * request, and retrying the same bytes would not help. The error message names the route and
 * status only: request and response bodies may hold personal data.
 */
export async function remoteJson(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: unknown; timeoutMs?: number; now?: () => Date },
): Promise<RemoteResponse> {
  const { res, route } = await send(url, { ...init, accept: 'application/json' });
  let text: string;
  try {
    text = await res.text();
  } catch {
    throw new RemoteCallError(`${route}: the answer was cut off`, true, res.status);
  }
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.ok) return { status: res.status, headers: res.headers, body, text };
  throw refusal(route, res, init.now, body);
}

/**
 * A file from a remote (a report PDF, an image), with the same timeout and error classes as
 * `remoteJson`. An answer over `maxBytes` is refused without reading the rest of it.
 */
export async function remoteBytes(
  url: string,
  init: { headers?: Record<string, string>; timeoutMs?: number; now?: () => Date; maxBytes: number },
): Promise<{ status: number; contentType: string | null; bytes: Buffer }> {
  const { res, route } = await send(url, { method: 'GET', accept: '*/*', ...init });
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw refusal(route, res, init.now, null);
  }
  if (Number(res.headers.get('content-length') ?? 0) > init.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new RemoteCallError(`${route}: the file is over ${init.maxBytes} bytes`, false, res.status);
  }
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await res.arrayBuffer());
  } catch {
    throw new RemoteCallError(`${route}: the answer was cut off`, true, res.status);
  }
  if (bytes.length > init.maxBytes) throw new RemoteCallError(`${route}: the file is over ${init.maxBytes} bytes`, false, res.status);
  return { status: res.status, contentType: res.headers.get('content-type'), bytes };
}

async function send(
  url: string,
  init: { method: string; accept: string; headers?: Record<string, string>; body?: unknown; timeoutMs?: number },
): Promise<{ res: Response; route: string }> {
  const route = `${init.method} ${new URL(url).pathname}`;
  try {
    const res = await fetch(url, {
      method: init.method,
      headers: { accept: init.accept, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? REMOTE_TIMEOUT_MS),
    });
    return { res, route };
  } catch (e) {
    throw unanswered(url, route, e, init.timeoutMs ?? REMOTE_TIMEOUT_MS);
  }
}

/** What the system said about a connection that failed, in words an admin can act on. */
const CONNECTION_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'nothing answers on that port (is the service running, and is the port right?)',
  ENOTFOUND: 'no such host (check the address)',
  EAI_AGAIN: 'the host name could not be looked up (DNS)',
  EHOSTUNREACH: 'no route to the host (network)',
  ENETUNREACH: 'no route to the host (network)',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ECONNRESET: 'the connection was dropped',
  UND_ERR_SOCKET: 'the connection was dropped',
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is not trusted (self-signed)",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate is not trusted (self-signed)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate is not trusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the server's certificate is not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is for another host",
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak https on that port (should the address be http?)',
  EPROTO: 'the server does not speak https on that port (should the address be http?)',
};

/**
 * A request that got no answer: the route, the host and port it went to, and why, so an admin
 * can tell a stopped service from a wrong address or an untrusted certificate. Retryable.
 */
export function unanswered(url: string, route: string, e: unknown, timeoutMs: number): RemoteCallError {
  const where = `${route} on ${new URL(url).host}`;
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return new RemoteCallError(`${where}: timed out (no answer within ${timeoutMs < 1_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1_000)} s`})`, true, null);
  }
  const cause = e instanceof Error && e.cause instanceof Error ? (e.cause as Error & { code?: unknown }) : null;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  // fetch refuses some ports outright (the Fetch standard's "bad ports", 9 and 25 among them).
  const why = code ? CONNECTION_FAILURES[code] : cause?.message === 'bad port' ? 'fetch refuses to use that port (a "bad port"); choose another' : undefined;
  return new RemoteCallError(`${where}: connection failed${why ? `: ${why}` : ''}${code ? ` (${code})` : ''}`, true, null);
}

/** A remote's refusal in words, its HTTP status last (what refusedCredentials reads back from a dead letter). */
export const refusalMessage = (route: string, status: number): string => `${route}: HTTP ${status}`;

/** Whether a delivery error is the remote refusing the credentials (401, 403): new credentials may cure it. */
export const refusedCredentials = (error: string): boolean => /: HTTP 40[13]$/.test(error);

function refusal(route: string, res: Response, now: (() => Date) | undefined, body: unknown): RemoteCallError {
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now?.() ?? new Date());
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  return new RemoteCallError(refusalMessage(route, res.status), retryable, res.status, retryAfter, body);
}

/** A failed call as a delivery outcome. */
export function failedOutcome(e: unknown): DeliveryOutcome {
  if (e instanceof RemoteCallError) return { ok: false, retryable: e.retryable, error: e.message, retryAfterMs: e.retryAfterMs };
  return { ok: false, retryable: true, error: e instanceof Error ? e.name : 'unknown error' };
}
