import type { IncomingMessage } from 'node:http';

/**
 * `pattern` against a request path: `{name}` matches one non-empty, URI-decoded segment; a
 * trailing slash is ignored. The parameters, or null when it does not match. Shared by the REST
 * routers (kycService, KillB).
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith('{')) {
      let v: string;
      try {
        v = decodeURIComponent(g);
      } catch {
        return null;
      }
      if (!v) return null;
      params[w.slice(1, -1)] = v;
    } else if (w !== g) return null;
  }
  return params;
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() || null : null;
}
