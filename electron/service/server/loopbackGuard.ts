import type { IncomingMessage } from 'node:http';

/** The names a browser uses for this machine; the server only ever listens on 127.0.0.1. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Why a request must be refused, or null. A web page the officer opens elsewhere can point its
 * own domain at 127.0.0.1 (DNS rebinding) and then call this server as "same origin": its
 * requests still carry that domain in `Host`, and a cross-site fetch carries its `Origin`. So
 * `Host` must name loopback (or a name an admin allowed, e.g. behind a reverse proxy for
 * webhooks) on the port the server is bound to, and an `Origin`, when sent, must be this
 * server's own. Clients that send no `Origin` (curl, the CLI, the REST integrations) pass.
 */
export function loopbackRefusal(req: IncomingMessage, port: number, allowedHosts: readonly string[] = []): string | null {
  // A loopback name without a port is still loopback (a rebinding page cannot send it: its
  // Host is its own domain), so hand-made clients that omit the port are let in.
  const exact = LOOPBACK_NAMES.map((n) => `${n}:${port}`);
  const extra = allowedHosts.map((h) => h.toLowerCase());
  // An allowed extra name comes through a proxy on its own port (or none): the name is what counts.
  const proxied = (host: string) => extra.some((h) => host === h || host.startsWith(`${h}:`));
  const host = (req.headers.host ?? '').toLowerCase();
  if (!exact.includes(host) && !LOOPBACK_NAMES.includes(host) && !proxied(host)) return `this server answers only requests addressed to 127.0.0.1 or localhost on port ${port}`;
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return 'the request comes from an unreadable origin';
  }
  // Here the port must match: a page served by another program on this machine is another site.
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && (exact.includes(parsed.host.toLowerCase()) || proxied(parsed.host.toLowerCase())) ? null : `requests from ${parsed.origin} are refused: only this workstation's own pages may call it`;
}
