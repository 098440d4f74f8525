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
  const route = `${init.method} ${new URL(url).pathname}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? REMOTE_TIMEOUT_MS),
    });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new RemoteCallError(`${route}: ${timedOut ? 'timed out' : 'connection failed'}`, true, null);
  }
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
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'), init.now?.() ?? new Date());
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  throw new RemoteCallError(`${route}: HTTP ${res.status}`, retryable, res.status, retryAfter, body);
}

/** A failed call as a delivery outcome. */
export function failedOutcome(e: unknown): DeliveryOutcome {
  if (e instanceof RemoteCallError) return { ok: false, retryable: e.retryable, error: e.message, retryAfterMs: e.retryAfterMs };
  return { ok: false, retryable: true, error: e instanceof Error ? e.name : 'unknown error' };
}
