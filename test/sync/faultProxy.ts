import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request:
 * - reset: the connection drops before the request reaches the server (nothing happened there);
 * - loseResponse: the server handles the request in full, then the connection drops before the
 *   answer reaches the client (the remote committed, the client cannot know);
 * - status: the proxy answers this HTTP status itself (a 503 from a load balancer).
 */
export type ProxyFault = { kind: 'reset' } | { kind: 'loseResponse' } | { kind: 'status'; status: number };

export interface FaultProxy {
  url: string;
  /** Faults for the next requests whose path ends with `route` ('*' for any), used once each, in order. */
  enqueue(route: string, ...faults: ProxyFault[]): void;
  /** While down, every request is dropped: the central is unreachable. */
  setDown(down: boolean): void;
  /** `METHOD /path` of every request the server behind the proxy handled. */
  readonly handled: string[];
  count(method: string, pathEnd: string): number;
  close(): Promise<void>;
}

/**
 * A fault-injecting HTTP proxy in front of a real server (here, the central kycService): it is
 * no fake, every request it lets through is answered by the real server.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const queue: { route: string; fault: ProxyFault }[] = [];
  const handled: string[] = [];
  let down = false;
  const to = new URL(target);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const at = queue.findIndex((f) => f.route === '*' || path.endsWith(f.route));
    const fault = at >= 0 ? queue.splice(at, 1)[0]!.fault : null;
    if (down || fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(JSON.stringify({ code: 50000, message: 'injected fault', data: {} }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: { ...req.headers, host: to.host } }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          handled.push(`${req.method} ${path}`);
          if (fault?.kind === 'loseResponse') {
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(body));
        });
      });
      upstream.on('error', () => req.socket.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    enqueue(route, ...faults) {
      for (const fault of faults) queue.push({ route, fault });
    },
    setDown(d) {
      down = d;
    },
    handled,
    count: (method, pathEnd) => handled.filter((h) => h.startsWith(`${method} `) && h.endsWith(pathEnd)).length,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
