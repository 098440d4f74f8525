import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteCallError, remoteJson } from '../../electron/service/sync/remoteHttp';

/** The error a call ended with (the test fails if it answered). */
async function failure(url: string, timeoutMs = 2_000): Promise<RemoteCallError> {
  try {
    await remoteJson(url, { method: 'GET', timeoutMs });
  } catch (e) {
    if (e instanceof RemoteCallError) return e;
    throw e;
  }
  throw new Error(`${url} answered`);
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('a remote that does not answer: the error names the host and says why', () => {
  const dropping = createServer((req) => req.socket.destroy());
  const silent = createServer(() => undefined);
  let droppingPort = 0;
  let silentPort = 0;
  let closedPort = 0;
  beforeAll(async () => {
    droppingPort = await listen(dropping);
    silentPort = await listen(silent);
    // A port that was just free: nothing listens on it now.
    const probe = createServer();
    closedPort = await listen(probe);
    await new Promise((r) => probe.close(r));
  });
  afterAll(() => {
    dropping.close();
    silent.closeAllConnections();
    silent.close();
  });

  it('a stopped service: refused, with host and port', async () => {
    const e = await failure(`http://127.0.0.1:${closedPort}/v3/workflows/`);
    expect(e.message).toBe(`GET /v3/workflows/ on 127.0.0.1:${closedPort}: connection failed: nothing answers on that port (is the service running, and is the port right?) (ECONNREFUSED)`);
    expect(e.retryable).toBe(true);
    expect(e.status).toBeNull();
  });

  it('a dropped connection, an https address on an http port, and a port fetch will not use', async () => {
    expect((await failure(`http://127.0.0.1:${droppingPort}/x`)).message).toMatch(/^GET \/x on 127\.0\.0\.1:\d+: connection failed: the connection was dropped \((UND_ERR_SOCKET|ECONNRESET)\)$/);
    expect((await failure(`https://127.0.0.1:${droppingPort}/x`)).message).toMatch(/connection failed: the server does not speak https on that port \(should the address be http\?\)|connection failed: the connection was dropped/);
    expect((await failure('http://127.0.0.1:9/x')).message).toBe('GET /x on 127.0.0.1:9: connection failed: fetch refuses to use that port (a "bad port"); choose another');
  });

  it('no answer in time: timed out, with the limit', async () => {
    const e = await failure(`http://127.0.0.1:${silentPort}/slow`, 300);
    expect(e.message).toBe(`GET /slow on 127.0.0.1:${silentPort}: timed out (no answer within 300 ms)`);
    expect(e.retryable).toBe(true);
  });
});
