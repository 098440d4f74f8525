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
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new RemoteCallError(`${route}: ${timedOut ? 'timed out' : 'connection failed'}`, true, null);
  }
}

function refusal(route: string, res: Response, now: (() => Date) | undefined, body: unknown): RemoteCallError {
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now?.() ?? new Date());
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  return new RemoteCallError(`${route}: HTTP ${res.status}`, retryable, res.status, retryAfter, body);
}

/** A failed call as a delivery outcome. */
export function failedOutcome(e: unknown): DeliveryOutcome {
  if (e instanceof RemoteCallError) return { ok: false, retryable: e.retryable, error: e.message, retryAfterMs: e.retryAfterMs };
  return { ok: false, retryable: true, error: e instanceof Error ? e.name : 'unknown error' };
}
