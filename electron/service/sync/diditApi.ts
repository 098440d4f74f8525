import type { ConnectorSettings } from './Connector';
import { parseDiditSecret } from './diditSecret';
import { RemoteCallError, remoteBytes, remoteJson } from './remoteHttp';

/** Pages of a Didit list followed when looking for a lost create. */
const MAX_LIST_PAGES = 20;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** A list answer: DRF's `{results, next}` page, or a bare array. */
function listPage(body: unknown): { results: Record<string, unknown>[]; next: string | null } {
  if (Array.isArray(body)) return { results: body.filter(isObject), next: null };
  if (isObject(body) && Array.isArray(body.results)) return { results: body.results.filter(isObject), next: str(body.next) };
  return { results: [], next: null };
}

export function sameOrigin(url: string, baseUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

/** Didit's API under the connector's settings; built per call, it throws when they are incomplete. */
export class DiditApi {
  readonly baseUrl: string;
  readonly callbackUrl: string | null;
  readonly workflowId: string | null;
  private readonly apiKey: string;

  constructor(
    settings: ConnectorSettings,
    private readonly now: () => Date,
    private readonly timeoutMs?: number,
  ) {
    const baseUrl = String(settings.config.baseUrl ?? '').replace(/\/+$/, '');
    const secrets = parseDiditSecret(settings.secret);
    if (!baseUrl || !secrets) throw new RemoteCallError('Didit connector is not configured', false, null);
    this.baseUrl = baseUrl;
    this.apiKey = secrets.apiKey;
    this.callbackUrl = str(settings.config.callbackUrl);
    this.workflowId = str(settings.config.workflowId);
  }

  call(method: string, path: string, body?: unknown) {
    return remoteJson(`${this.baseUrl}${path}`, { method, headers: this.auth(), body, now: this.now, ...this.timeout() });
  }

  /** A file Didit's API makes (a session's report), fetched with the API key. */
  file(path: string, maxBytes: number) {
    return remoteBytes(`${this.baseUrl}${path}`, { headers: this.auth(), maxBytes, now: this.now, ...this.timeout() });
  }

  /** A file a decision links to (its images), fetched at that url without the API key. */
  linked(url: string, maxBytes: number) {
    return remoteBytes(url, { maxBytes, now: this.now, ...this.timeout() });
  }

  /** Walks a Didit list (following `next` on the same host) until `match` says stop. */
  async findInList(path: string, match: (item: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | null> {
    let url: string | null = `${this.baseUrl}${path}`;
    for (let page = 0; url && page < MAX_LIST_PAGES; page++) {
      const r = await remoteJson(url, { method: 'GET', headers: this.auth(), now: this.now, ...this.timeout() });
      const { results, next } = listPage(r.body);
      const hit = results.find(match);
      if (hit) return hit;
      // The key goes only to the configured host, whatever a page's `next` says.
      url = next && sameOrigin(next, this.baseUrl) ? next : null;
    }
    return null;
  }

  private auth(): Record<string, string> {
    return { 'x-api-key': this.apiKey };
  }

  private timeout(): { timeoutMs?: number } {
    return this.timeoutMs ? { timeoutMs: this.timeoutMs } : {};
  }
}
